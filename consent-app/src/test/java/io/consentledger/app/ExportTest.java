package io.consentledger.app;

import static io.consentledger.app.support.Api.ADMIN;
import static io.consentledger.app.support.Api.AUDITOR;
import static io.consentledger.app.support.Api.INTEGRATOR;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.consentledger.app.support.Api;
import io.consentledger.app.support.LedgerTest;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

/** The data-subject export (Art. 15 and 20): real workbooks read back with POI, and JSON checked against its schema. */
class ExportTest extends LedgerTest {

    private static final String NAME = "=HYPERLINK(\"http://evil.example\") Ann";
    private static final Instant CAPTURED = Instant.parse("2026-03-01T09:30:00Z");

    @Test
    void theWorkbookHoldsEverySheetWithRealDatesFrozenBoldHeadersAndNoFormulas() throws Exception {
        String contactId = recordHistory();

        HttpResponse<byte[]> response = download("/api/v1/contacts/" + contactId + "/export.xlsx?lang=en&wait=true");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse(""))
                .startsWith("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        assertThat(response.headers().firstValue("Content-Disposition").orElse(""))
                .contains("attachment")
                .contains("contact-" + contactId + ".xlsx");

        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(response.body()))) {
            assertThat(sheetNames(workbook)).containsExactly("Summary", "Purposes", "History", "Emails");
            for (Sheet sheet : workbook) {
                Row header = sheet.getRow(0);
                assertThat(workbook.getFontAt(header.getCell(0).getCellStyle().getFontIndex())
                                .getBold())
                        .as("bold header in " + sheet.getSheetName())
                        .isTrue();
                assertThat(sheet.getPaneInformation().isFreezePane()).isTrue();
                assertThat(sheet.getPaneInformation().getHorizontalSplitPosition())
                        .isEqualTo((short) 1);
                assertThat(((XSSFSheet) sheet).getCTWorksheet().isSetAutoFilter())
                        .as("auto-filter in " + sheet.getSheetName())
                        .isTrue();
                assertThat(sheet.getColumnWidth(0)).isGreaterThan(10 * 256);
            }

            Sheet summary = workbook.getSheet("Summary");
            assertThat(headers(summary)).containsExactly("Field", "Value");
            Cell name = valueOf(summary, "Name");
            assertThat(name.getCellType()).isEqualTo(CellType.STRING);
            assertThat(name.getStringCellValue()).isEqualTo(NAME);
            assertThat(name.getCellStyle().getQuotePrefixed())
                    .as("formula-like text is quote-prefixed")
                    .isTrue();
            Cell registered = valueOf(summary, "Registered at (UTC)");
            assertThat(registered.getCellType()).isEqualTo(CellType.NUMERIC);
            assertThat(DateUtil.isCellDateFormatted(registered)).isTrue();
            assertThat(valueOf(summary, "Legal basis").getStringCellValue()).isEqualTo("Contract: Sales and service");
            assertThat(valueOf(summary, "Erased at (UTC)").getCellType()).isEqualTo(CellType.BLANK);

            Sheet purposes = workbook.getSheet("Purposes");
            assertThat(headers(purposes))
                    .containsExactly(
                            "Purpose id",
                            "Purpose",
                            "Description",
                            "Version",
                            "Legal basis",
                            "Status",
                            "Since (UTC)",
                            "Source",
                            "Recorded by",
                            "Valid until (UTC)");
            Row marketing = rowWith(purposes, 0, "e-marketing");
            assertThat(marketing.getCell(1).getStringCellValue()).isEqualTo("E-marketing");
            assertThat(marketing.getCell(2).getStringCellValue()).startsWith("Sending marketing email");
            assertThat(marketing.getCell(3).getNumericCellValue()).isEqualTo(1.0);
            assertThat(marketing.getCell(4).getStringCellValue()).isEqualTo("Consent");
            assertThat(marketing.getCell(5).getStringCellValue()).isEqualTo("Withdrawn");
            assertThat(DateUtil.isCellDateFormatted(marketing.getCell(6))).isTrue();
            assertThat(marketing.getCell(8).getStringCellValue()).isEqualTo("crm-sync");

            Sheet history = workbook.getSheet("History");
            assertThat(headers(history))
                    .containsExactly(
                            "Recorded at (UTC)",
                            "Captured at (UTC)",
                            "Actor",
                            "Channel",
                            "Change",
                            "Purpose",
                            "Purpose version",
                            "Legal basis",
                            "Source",
                            "Source detail",
                            "Reason",
                            "Through a link issued by",
                            "Detail");
            assertThat(column(history, 4))
                    .containsSubsequence(
                            "Contact registered", "Consent given", "Consent withdrawn", "Legal basis documented");
            Row granted = rowWith(history, 4, "Consent given");
            assertThat(granted.getCell(1).getLocalDateTimeCellValue())
                    .isEqualTo(LocalDateTime.ofInstant(CAPTURED, ZoneOffset.UTC));
            assertThat(granted.getCell(2).getStringCellValue()).isEqualTo("crm-sync");
            assertThat(granted.getCell(3).getStringCellValue()).isEqualTo("api");
            Row withdrawn = rowWith(history, 4, "Consent withdrawn");
            assertThat(withdrawn.getCell(10).getStringCellValue()).isEqualTo("-too many emails");
            assertThat(withdrawn.getCell(10).getCellStyle().getQuotePrefixed()).isTrue();
            for (int i = 2; i <= history.getLastRowNum(); i++) {
                assertThat(history.getRow(i).getCell(0).getDateCellValue())
                        .as("oldest first")
                        .isAfterOrEqualTo(history.getRow(i - 1).getCell(0).getDateCellValue());
            }

            Sheet emails = workbook.getSheet("Emails");
            assertThat(headers(emails)).containsExactly("Recorded at (UTC)", "What happened", "Detail");
            assertThat(column(emails, 1)).contains("Confirmation email requested");
        }

        HttpResponse<byte[]> danish = download("/api/v1/contacts/" + contactId + "/export.xlsx?lang=da");
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(danish.body()))) {
            assertThat(sheetNames(workbook)).containsExactly("Oversigt", "Formål", "Historik", "E-mails");
            assertThat(headers(workbook.getSheet("Historik"))).startsWith("Registreret (UTC)", "Givet (UTC)");
            assertThat(column(workbook.getSheet("Historik"), 4)).contains("Samtykke givet");
        }

        assertThat(api.get(AUDITOR, "/api/v1/contacts/" + contactId + "/export.xlsx?lang=fr")
                        .status())
                .isEqualTo(400);
        Api.Response unknown = api.get(AUDITOR, "/api/v1/contacts/" + uniqueId("nobody") + "/export.xlsx");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.contentType()).startsWith("application/problem+json");
    }

    @Test
    void theJsonExportFollowsItsDocumentedSchemaAlsoOnceTheContactIsErased() throws Exception {
        Schema schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                .getSchema(Files.readString(Path.of("..", "docs", "contact-export.schema.json")), InputFormat.JSON);
        String contactId = recordHistory();

        Api.Response response = api.get(AUDITOR, "/api/v1/contacts/" + contactId + "/export.json?wait=true");
        assertThat(response.status()).isEqualTo(200);
        List<Error> errors = schema.validate(response.body(), InputFormat.JSON);
        assertThat(errors).as(response.body()).isEmpty();
        JsonNode export = response.json();
        assertThat(export.get("contact").get("name").asText()).isEqualTo(NAME);
        assertThat(export.get("legalBasis").asText()).isEqualTo("Contract: Sales and service");
        long total = api.get(AUDITOR, "/api/v1/contacts/" + contactId + "/history?wait=true")
                .json()
                .get("totalElements")
                .asLong();
        assertThat(export.get("history").size()).isEqualTo((int) total);
        assertThat(export.get("emails").get(0).get("change").asText()).isEqualTo("CONFIRMATION_EMAIL_REQUESTED");

        assertThat(api.post(ADMIN, "/api/v1/contacts/" + contactId + "/erasure", "")
                        .status())
                .isEqualTo(200);
        Api.Response erased = api.get(AUDITOR, "/api/v1/contacts/" + contactId + "/export.json?wait=true");
        assertThat(schema.validate(erased.body(), InputFormat.JSON)).isEmpty();
        assertThat(erased.json().get("contact").get("name").isNull()).isTrue();
        assertThat(erased.json().get("contact").get("erasedAt").isNull()).isFalse();
        assertThat(erased.body()).doesNotContain("evil.example").doesNotContain("too many emails");
    }

    /** A contact from a source that sends confirmations, with a grant, a withdrawal and a documented basis. */
    private String recordHistory() {
        String contactId = uniqueId("export");
        Api.Response registered = api.post(
                INTEGRATOR, "/api/v1/contacts", """
                {"contactId":"%s","name":"%s","email":"%s@example.com","sourceId":"business-card",
                 "sourceDetail":"+45 booth at the fair"}""".formatted(contactId, NAME.replace("\"", "\\\""), contactId));
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
        assertThat(api.post(INTEGRATOR, "/api/v1/contacts/" + contactId + "/consents", """
                                {"purposeId":"e-marketing","sourceId":"web-form","capturedAt":"%s"}""".formatted(CAPTURED))
                        .status())
                .isEqualTo(201);
        assertThat(api.post(
                                INTEGRATOR,
                                "/api/v1/contacts/" + contactId + "/consents/e-marketing/withdrawal",
                                "{\"sourceId\":\"email\",\"reason\":\"-too many emails\"}")
                        .status())
                .isEqualTo(200);
        assertThat(api.post(
                                INTEGRATOR,
                                "/api/v1/contacts/" + contactId + "/legal-bases",
                                "{\"purposeId\":\"sales-and-service\",\"legalBasis\":\"CONTRACT\",\"sourceId\":\"email\"}")
                        .status())
                .isEqualTo(201);
        return contactId;
    }

    private static List<String> sheetNames(XSSFWorkbook workbook) {
        List<String> names = new ArrayList<>();
        workbook.forEach(sheet -> names.add(sheet.getSheetName()));
        return names;
    }

    private static List<String> headers(Sheet sheet) {
        List<String> headers = new ArrayList<>();
        sheet.getRow(0).forEach(cell -> headers.add(cell.getStringCellValue()));
        return headers;
    }

    private static List<String> column(Sheet sheet, int column) {
        List<String> values = new ArrayList<>();
        for (int i = 1; i <= sheet.getLastRowNum(); i++) {
            values.add(sheet.getRow(i).getCell(column).getStringCellValue());
        }
        return values;
    }

    private static Row rowWith(Sheet sheet, int column, String value) {
        for (int i = 1; i <= sheet.getLastRowNum(); i++) {
            if (value.equals(sheet.getRow(i).getCell(column).getStringCellValue())) {
                return sheet.getRow(i);
            }
        }
        throw new AssertionError("No row with '" + value + "' in " + sheet.getSheetName());
    }

    private static Cell valueOf(Sheet summary, String field) {
        return rowWith(summary, 0, field).getCell(1);
    }
}
