package io.consentledger.query.export;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * The auditor's export of the whole ledger or a time range: every event as NDJSON or as one Excel sheet. Both are
 * streamed as they are read (SXSSF keeps only a window of rows in memory) on Spring MVC's async threads, so memory
 * stays flat whatever the size and a long export holds no request thread.
 */
@Component
public class AuditDownloads {

    public static final String NDJSON = "application/x-ndjson";
    private static final int ROWS_IN_MEMORY = 200;
    private static final int CELL_LIMIT = 32_767;
    private static final List<String> HEADERS = List.of(
            "Position",
            "Recorded at (UTC)",
            "Aggregate type",
            "Aggregate id",
            "Sequence",
            "Event",
            "Actor",
            "Actor role",
            "Channel",
            "Link issued by",
            "Link issuer role",
            "Correlation id",
            "Payload (JSON)");
    private static final int[] WIDTHS = {10, 20, 14, 24, 9, 28, 16, 14, 12, 16, 14, 38, 100};

    private final AuditEvents events;
    private final ObjectMapper json;

    AuditDownloads(AuditEvents events, ObjectMapper json) {
        this.events = events;
        this.json = json;
    }

    /** Every event recorded in [from, to) (either open), oldest first, one JSON object per line. */
    public ResponseEntity<StreamingResponseBody> ndjson(Instant from, Instant to) {
        StreamingResponseBody body = out -> events.forEach(from, to, event -> {
            try {
                out.write(json.writeValueAsBytes(event));
                out.write('\n');
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        return attachment("ledger-events.ndjson", MediaType.parseMediaType(NDJSON), body);
    }

    /** Every event recorded in [from, to) (either open) as one Excel sheet. */
    public ResponseEntity<StreamingResponseBody> workbook(Instant from, Instant to) {
        StreamingResponseBody body = out -> {
            SXSSFWorkbook workbook = new SXSSFWorkbook(ROWS_IN_MEMORY);
            try {
                Font bold = workbook.createFont();
                bold.setBold(true);
                CellStyle header = workbook.createCellStyle();
                header.setFont(bold);
                CellStyle date = workbook.createCellStyle();
                date.setDataFormat(workbook.createDataFormat().getFormat("yyyy-mm-dd hh:mm:ss"));
                CellStyle quoted = workbook.createCellStyle();
                quoted.setQuotePrefixed(true);
                SXSSFSheet sheet = workbook.createSheet("Events");
                Row first = sheet.createRow(0);
                for (int column = 0; column < HEADERS.size(); column++) {
                    Cell cell = first.createCell(column);
                    cell.setCellValue(HEADERS.get(column));
                    cell.setCellStyle(header);
                    sheet.setColumnWidth(column, WIDTHS[column] * 256);
                }
                sheet.createFreezePane(0, 1);
                int[] rows = {1};
                events.forEach(from, to, event -> {
                    Row row = sheet.createRow(rows[0]++);
                    row.createCell(0).setCellValue(event.position());
                    Cell recorded = row.createCell(1);
                    recorded.setCellValue(LocalDateTime.ofInstant(event.recordedAt(), ZoneOffset.UTC));
                    recorded.setCellStyle(date);
                    text(row, 2, event.aggregateType(), quoted);
                    text(row, 3, event.aggregateId(), quoted);
                    if (event.sequence() != null) {
                        row.createCell(4).setCellValue(event.sequence());
                    }
                    text(row, 5, event.type(), quoted);
                    text(row, 6, event.actor(), quoted);
                    text(row, 7, event.actorRole(), quoted);
                    text(row, 8, event.channel(), quoted);
                    text(row, 9, event.linkIssuedBy(), quoted);
                    text(row, 10, event.linkIssuerRole(), quoted);
                    text(row, 11, event.correlationId(), quoted);
                    String payload = event.payload().toString();
                    text(row, 12, payload.length() > CELL_LIMIT ? payload.substring(0, CELL_LIMIT) : payload, quoted);
                });
                sheet.setAutoFilter(new CellRangeAddress(0, Math.max(rows[0] - 1, 0), 0, HEADERS.size() - 1));
                workbook.write(out);
            } finally {
                workbook.close();
            }
        };
        return attachment("ledger-events.xlsx", MediaType.parseMediaType(ContactExportController.XLSX), body);
    }

    private static void text(Row row, int column, String value, CellStyle quoted) {
        if (value == null) {
            return;
        }
        Cell cell = row.createCell(column);
        cell.setCellValue(value);
        if (ContactWorkbook.formulaLike(value)) {
            cell.setCellStyle(quoted);
        }
    }

    private static ResponseEntity<StreamingResponseBody> attachment(
            String filename, MediaType type, StreamingResponseBody body) {
        return ResponseEntity.ok()
                .contentType(type)
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename(filename)
                                .build()
                                .toString())
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(body);
    }
}
