package io.consentledger.query.export;

import io.consentledger.api.consent.HistoryEntry;
import io.consentledger.api.consent.LegalBasis;
import io.consentledger.api.consent.StandingStatus;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * Writes a contact's export as an Excel workbook a person can be sent: sheets Summary, Purposes, History and Emails
 * in English or Danish, each with a bold, frozen header row and an auto-filter; times as real Excel dates (UTC). Text
 * that Excel could take for a formula ({@code = + - @}, tab, carriage return) is marked quote-prefixed, so that Excel
 * shows it as text and never runs it (CWE-1236).
 */
@Component
public class ContactWorkbook {

    private static final String DATE_FORMAT = "yyyy-mm-dd hh:mm:ss";

    private final MessageSource messages;

    ContactWorkbook(MessageSource messages) {
        this.messages = messages;
    }

    /** Writes the workbook in the language of the locale (English unless Danish). */
    public void write(ContactExport export, Locale locale, OutputStream out) throws IOException {
        try (XSSFWorkbook workbook = new XSSFWorkbook()) {
            Styles styles = new Styles(workbook);
            Texts texts = new Texts(messages, locale);
            summary(workbook, styles, texts, export);
            purposes(workbook, styles, texts, export);
            history(workbook, styles, texts, export.history());
            emails(workbook, styles, texts, export.emails());
            workbook.write(out);
        }
    }

    private static void summary(Workbook workbook, Styles styles, Texts texts, ContactExport export) {
        Sheet sheet = sheet(workbook, styles, texts, "sheet.summary", List.of("summary.field", "summary.value"));
        int[] widths = {28, 70};
        List<Object[]> rows = List.of(
                new Object[] {"summary.contactId", export.contact().contactId()},
                new Object[] {"summary.name", export.contact().name()},
                new Object[] {"summary.email", export.contact().email()},
                new Object[] {"summary.source", export.contact().sourceId()},
                new Object[] {"summary.registeredAt", export.contact().registeredAt()},
                new Object[] {"summary.erasedAt", export.contact().erasedAt()},
                new Object[] {"summary.legalBasis", legalBasisLine(texts, export.purposes())},
                new Object[] {"summary.generatedAt", export.generatedAt()});
        int index = 1;
        for (Object[] values : rows) {
            Row row = sheet.createRow(index++);
            text(row.createCell(0), styles, texts.get((String) values[0]));
            value(row.createCell(1), styles, values[1]);
        }
        finish(sheet, 2, index, widths);
    }

    private static void purposes(Workbook workbook, Styles styles, Texts texts, ContactExport export) {
        List<String> headers = List.of(
                "purposes.purposeId",
                "purposes.name",
                "purposes.description",
                "purposes.version",
                "purposes.legalBasis",
                "purposes.status",
                "purposes.since",
                "purposes.source",
                "purposes.recordedBy",
                "purposes.validUntil");
        Sheet sheet = sheet(workbook, styles, texts, "sheet.purposes", headers);
        int index = 1;
        for (ExportedStanding purpose : export.purposes()) {
            Row row = sheet.createRow(index++);
            Object[] values = {
                purpose.purposeId(),
                purpose.name(),
                purpose.description(),
                purpose.purposeVersion(),
                basis(texts, purpose.legalBasis()),
                texts.get("status." + purpose.status()),
                purpose.since(),
                purpose.sourceId(),
                purpose.recordedBy(),
                purpose.validUntil()
            };
            for (int column = 0; column < values.length; column++) {
                value(row.createCell(column), styles, values[column]);
            }
        }
        finish(sheet, headers.size(), index, new int[] {20, 24, 50, 9, 22, 22, 20, 18, 18, 20});
    }

    private static void history(Workbook workbook, Styles styles, Texts texts, List<HistoryEntry> history) {
        List<String> headers = List.of(
                "history.recordedAt",
                "history.capturedAt",
                "history.actor",
                "history.channel",
                "history.change",
                "history.purpose",
                "history.version",
                "history.legalBasis",
                "history.source",
                "history.sourceDetail",
                "history.reason",
                "history.linkIssuedBy",
                "history.detail");
        Sheet sheet = sheet(workbook, styles, texts, "sheet.history", headers);
        int index = 1;
        for (HistoryEntry entry : history) {
            Row row = sheet.createRow(index++);
            Object[] values = {
                entry.recordedAt(),
                entry.capturedAt(),
                entry.actor(),
                entry.channel(),
                texts.get("change." + entry.change()),
                entry.purposeId(),
                entry.purposeVersion(),
                basis(texts, entry.legalBasis()),
                entry.sourceId(),
                entry.sourceDetail(),
                entry.reason(),
                linkIssuer(texts, entry),
                entry.detail()
            };
            for (int column = 0; column < values.length; column++) {
                value(row.createCell(column), styles, values[column]);
            }
        }
        finish(sheet, headers.size(), index, new int[] {20, 20, 16, 13, 30, 20, 9, 22, 16, 30, 45, 26, 45});
    }

    private static void emails(Workbook workbook, Styles styles, Texts texts, List<HistoryEntry> emails) {
        List<String> headers = List.of("emails.recordedAt", "emails.change", "emails.detail");
        Sheet sheet = sheet(workbook, styles, texts, "sheet.emails", headers);
        int index = 1;
        for (HistoryEntry entry : emails) {
            Row row = sheet.createRow(index++);
            value(row.createCell(0), styles, entry.recordedAt());
            value(row.createCell(1), styles, texts.get("change." + entry.change()));
            value(row.createCell(2), styles, entry.detail());
        }
        finish(sheet, headers.size(), index, new int[] {20, 30, 60});
    }

    /** "Consent: E-marketing · Legitimate interests: Sales and service", in the workbook's language. */
    private static String legalBasisLine(Texts texts, List<ExportedStanding> purposes) {
        Map<LegalBasis, List<String>> inForce = new EnumMap<>(LegalBasis.class);
        for (ExportedStanding purpose : purposes) {
            if (purpose.status() == StandingStatus.GRANTED) {
                inForce.computeIfAbsent(purpose.legalBasis(), basis -> new ArrayList<>())
                        .add(purpose.name());
            }
        }
        if (inForce.isEmpty()) {
            return texts.get("summary.noLegalBasis");
        }
        return inForce.entrySet().stream()
                .map(entry -> basis(texts, entry.getKey()) + ": " + String.join(", ", entry.getValue()))
                .collect(Collectors.joining(" · "));
    }

    /** Who issued the staff member's link a change was made through: "crm-sync (INTEGRATOR)"; blank otherwise. */
    private static String linkIssuer(Texts texts, HistoryEntry entry) {
        if (entry.linkIssuedBy() != null) {
            return entry.linkIssuedBy() + " (" + entry.linkIssuerRole() + ")";
        }
        return entry.linkIssuerRole() == null ? null : texts.get("history.linkOfUnknownOrigin");
    }

    private static String basis(Texts texts, LegalBasis basis) {
        return basis == null ? null : texts.get("basis." + basis.name());
    }

    private static Sheet sheet(Workbook workbook, Styles styles, Texts texts, String name, List<String> headers) {
        Sheet sheet = workbook.createSheet(texts.get(name));
        Row header = sheet.createRow(0);
        for (int column = 0; column < headers.size(); column++) {
            Cell cell = header.createCell(column);
            cell.setCellValue(texts.get(headers.get(column)));
            cell.setCellStyle(styles.header);
        }
        sheet.createFreezePane(0, 1);
        return sheet;
    }

    private static void finish(Sheet sheet, int columns, int rows, int[] widths) {
        sheet.setAutoFilter(new CellRangeAddress(0, Math.max(rows - 1, 0), 0, columns - 1));
        for (int column = 0; column < widths.length; column++) {
            sheet.setColumnWidth(column, widths[column] * 256);
        }
    }

    private static void value(Cell cell, Styles styles, Object value) {
        if (value == null) {
            cell.setBlank();
        } else if (value instanceof Instant instant) {
            cell.setCellValue(LocalDateTime.ofInstant(instant, ZoneOffset.UTC));
            cell.setCellStyle(styles.date);
        } else if (value instanceof Number number) {
            cell.setCellValue(number.doubleValue());
        } else {
            text(cell, styles, value.toString());
        }
    }

    private static void text(Cell cell, Styles styles, String text) {
        cell.setCellValue(text);
        if (formulaLike(text)) {
            cell.setCellStyle(styles.quoted);
        }
    }

    /** Whether Excel could read the text as the start of a formula. */
    static boolean formulaLike(String text) {
        return !text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0;
    }

    /** The workbook's few cell styles. */
    private static final class Styles {
        final CellStyle header;
        final CellStyle date;
        final CellStyle quoted;

        Styles(Workbook workbook) {
            Font bold = workbook.createFont();
            bold.setBold(true);
            header = workbook.createCellStyle();
            header.setFont(bold);
            date = workbook.createCellStyle();
            date.setDataFormat(workbook.createDataFormat().getFormat(DATE_FORMAT));
            quoted = workbook.createCellStyle();
            quoted.setQuotePrefixed(true);
        }
    }

    /** The workbook's words in its language. */
    private record Texts(MessageSource messages, Locale locale) {
        String get(String key) {
            return messages.getMessage("export." + key, null, key, locale);
        }
    }
}
