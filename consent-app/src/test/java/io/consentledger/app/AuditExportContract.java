package io.consentledger.app;

import static io.consentledger.app.support.Api.INTEGRATOR;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.consentledger.app.support.Api;
import io.consentledger.app.support.LedgerTest;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

/** The auditor's streamed exports of the whole ledger or a time range: NDJSON and an Excel sheet. */
abstract class AuditExportContract extends LedgerTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void findsTheChangesOfAllContactsByTimeContactPurposeChangeAndActor() {
        String first = registerContact(uniqueId("changes"));
        String second = registerContact(uniqueId("changes"));
        // Just after the registrations: the grants below are recorded later.
        Instant from = lastRecordedAt(second).plusNanos(1_000);
        grant(first, "e-marketing");
        grant(second, "e-marketing");
        assertThat(api.post(
                                Api.ADMIN,
                                "/api/v1/contacts/" + second + "/consents/e-marketing/withdrawal",
                                "{\"sourceId\":\"email\"}")
                        .status())
                .isEqualTo(200);

        JsonNode since = api.get(Api.AUDITOR, "/api/v1/audit/changes?wait=true&from=" + from)
                .json();
        assertThat(since.get("totalElements").asLong()).isEqualTo(3);
        List<String> changes = new ArrayList<>();
        since.get("items")
                .forEach(item -> changes.add(item.get("contactId").asText() + " "
                        + item.get("entry").get("change").asText()));
        assertThat(changes)
                .as("newest first")
                .containsExactly(
                        second + " CONSENT_WITHDRAWN", second + " CONSENT_GRANTED", first + " CONSENT_GRANTED");

        JsonNode byAdmin = api.get(Api.AUDITOR, "/api/v1/audit/changes?actor=admin&purposeId=e-marketing&from=" + from)
                .json();
        assertThat(byAdmin.get("totalElements").asLong()).isEqualTo(1);
        assertThat(byAdmin.get("items").get(0).get("entry").get("actor").asText())
                .isEqualTo("admin");
        JsonNode ofFirst = api.get(Api.AUDITOR, "/api/v1/audit/changes?contactId=" + first + "&change=CONSENT_GRANTED")
                .json();
        assertThat(ofFirst.get("totalElements").asLong()).isEqualTo(1);
        JsonNode paged = api.get(Api.AUDITOR, "/api/v1/audit/changes?size=1&page=1&from=" + from)
                .json();
        assertThat(paged.get("items")).hasSize(1);
        assertThat(paged.get("items").get(0).get("entry").get("change").asText())
                .isEqualTo("CONSENT_GRANTED");
        // Of this test's own contact: other classes sharing the service may record changes that happened long ago.
        JsonNode none = api.get(
                        Api.AUDITOR,
                        "/api/v1/audit/changes?contactId=" + first + "&to=" + from.minusSeconds(86_400 * 365))
                .json();
        assertThat(none.get("totalElements").asLong()).isZero();

        assertThat(api.get(INTEGRATOR, "/api/v1/audit/changes").status()).isEqualTo(403);
        Api.Response bad = api.get(Api.AUDITOR, "/api/v1/audit/changes?change=drop%20table&size=0");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("type").asText()).endsWith("invalid-request");
        assertThat(bad.json().get("errors").toString()).contains("\"change\"");
    }

    @Test
    void streamsEveryEventOfATimeRangeAsNdjsonAndAsAWorkbook() throws Exception {
        Instant from = Instant.now();
        String contactId = uniqueId("audit");
        Api.Response registered = api.post(INTEGRATOR, "/api/v1/contacts", """
                {"contactId":"%s","name":"Ann Audit","email":"ann@example.com","sourceId":"import"}""".formatted(contactId));
        assertThat(registered.status()).isEqualTo(201);
        assertThat(api.post(
                                INTEGRATOR,
                                "/api/v1/contacts/" + contactId + "/consents",
                                "{\"purposeId\":\"e-marketing\",\"sourceId\":\"web-form\"}")
                        .status())
                .isEqualTo(201);

        assertThat(api.get(INTEGRATOR, "/api/v1/audit/events.ndjson").status()).isEqualTo(403);
        HttpResponse<byte[]> ndjson = download("/api/v1/audit/events.ndjson?from=" + from);
        assertThat(ndjson.statusCode()).isEqualTo(200);
        assertThat(ndjson.headers().firstValue("Content-Type").orElse("")).startsWith("application/x-ndjson");
        List<JsonNode> events = new ArrayList<>();
        for (String line : new String(ndjson.body(), StandardCharsets.UTF_8).split("\n")) {
            events.add(JSON.readTree(line));
        }
        assertThat(events)
                .allSatisfy(event -> assertThat(
                                Instant.parse(event.get("recordedAt").asText()))
                        .isAfterOrEqualTo(from));
        List<JsonNode> ofContact = events.stream()
                .filter(event -> contactId.equals(event.get("aggregateId").asText()))
                .toList();
        assertThat(ofContact.stream().map(event -> event.get("type").asText()))
                .containsExactly("ContactRegistered", "LegalBasisDocumented", "ConsentGranted");
        assertThat(ofContact.get(0).get("payload").get("name").asText()).isEqualTo("Ann Audit");
        assertThat(ofContact.get(2).get("actor").asText()).isEqualTo("crm-sync");
        assertThat(ofContact.get(2).get("channel").asText()).isEqualTo("api");
        for (int i = 1; i < events.size(); i++) {
            assertThat(events.get(i).get("position").asLong())
                    .isGreaterThan(events.get(i - 1).get("position").asLong());
        }
        HttpResponse<byte[]> before = download("/api/v1/audit/events.ndjson?to=" + from);
        assertThat(new String(before.body(), StandardCharsets.UTF_8)).doesNotContain(contactId);

        HttpResponse<byte[]> xlsx = download("/api/v1/audit/export.xlsx?from=" + from);
        assertThat(xlsx.statusCode()).isEqualTo(200);
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx.body()))) {
            Sheet sheet = workbook.getSheet("Events");
            assertThat(sheet.getRow(0).getCell(5).getStringCellValue()).isEqualTo("Event");
            assertThat(sheet.getPaneInformation().isFreezePane()).isTrue();
            List<String> types = new ArrayList<>();
            for (int i = 1; i <= sheet.getLastRowNum(); i++) {
                Row row = sheet.getRow(i);
                assertThat(DateUtil.isCellDateFormatted(row.getCell(1))).isTrue();
                if (contactId.equals(row.getCell(3).getStringCellValue())) {
                    types.add(row.getCell(5).getStringCellValue());
                }
            }
            assertThat(types).containsExactly("ContactRegistered", "LegalBasisDocumented", "ConsentGranted");
            assertThat(sheet.getLastRowNum()).isEqualTo(events.size());
        }
    }
}
