package io.consentledger.app.imports;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.RuntimeJsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import io.consentledger.api.RejectionKind;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Reads an import file row by row, never holding more than one row: CSV with a header row, or NDJSON (one strict JSON
 * object per line). A row that cannot be read is passed on refused, with the field to blame and a reason that holds
 * none of its values; a file that cannot be read at all is an {@link InvalidImportFile}.
 */
final class ImportFiles {

    static final String CSV = "text/csv";
    static final String NDJSON = "application/x-ndjson";
    /** The longest NDJSON line read; a longer one is refused and skipped. */
    static final int MAX_LINE_BYTES = 256 * 1024;

    private static final CsvMapper CSV_MAPPER = new CsvMapper();

    private ImportFiles() {}

    /** A row as read: its number (the n-th row after a CSV header, the n-th non-blank NDJSON line), or its refusal. */
    record ReadRow(long number, ImportRow row, Refusal refusal) {}

    /** Why a row is refused: the field to blame (or {@code null}), the problem type slug, a reason without values. */
    record Refusal(String field, String kind, String reason) {

        static Refusal invalid(String field, String reason) {
            return new Refusal(field, RejectionKind.INVALID_REQUEST.slug(), reason);
        }
    }

    /** Reads every row of the file in the media type, in order. */
    static void read(InputStream body, String mediaType, ObjectMapper strictJson, Consumer<ReadRow> rows) {
        try {
            if (CSV.equals(mediaType)) {
                readCsv(body, rows);
            } else {
                readNdjson(body, strictJson.readerFor(ImportRow.class), rows);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void readCsv(InputStream body, Consumer<ReadRow> rows) throws IOException {
        ObjectReader reader = CSV_MAPPER
                .readerFor(String[].class)
                .with(CsvParser.Feature.WRAP_AS_ARRAY)
                .with(CsvParser.Feature.SKIP_EMPTY_LINES);
        try (MappingIterator<String[]> records = reader.readValues(body)) {
            if (!hasNext(records, 0)) {
                throw new InvalidImportFile("file", "The file is empty: send a header row and at least one row.");
            }
            int[] columnOf = header(records.next());
            long number = 0;
            while (hasNext(records, number)) {
                String[] cells = next(records, number);
                number++;
                if (cells.length != columnOf.length) {
                    rows.accept(new ReadRow(
                            number,
                            null,
                            Refusal.invalid(
                                    null,
                                    "The row has %d cells; the header names %d columns."
                                            .formatted(cells.length, columnOf.length))));
                    continue;
                }
                String[] byColumn = new String[ImportRow.COLUMNS.size()];
                for (int i = 0; i < cells.length; i++) {
                    byColumn[columnOf[i]] = cells[i];
                }
                rows.accept(new ReadRow(number, ImportRow.of(byColumn), null));
            }
            if (number == 0) {
                throw new InvalidImportFile("file", "The file has a header row but no rows.");
            }
        }
    }

    /** The column of each header cell; refuses a header that is missing, repeats a column or names an unknown one. */
    private static int[] header(String[] cells) {
        int[] columnOf = new int[cells.length];
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < cells.length; i++) {
            String name = cells[i].replace("\uFEFF", "").strip();
            int column = ImportRow.COLUMNS.indexOf(name);
            if (column < 0) {
                // The cell is not echoed: a file without a header has personal data in its first row.
                throw new InvalidImportFile(
                        "header",
                        "The first row must be the header row; its cell %d is not one of the columns %s."
                                .formatted(i + 1, String.join(", ", ImportRow.COLUMNS)));
            }
            if (!seen.add(name)) {
                throw new InvalidImportFile(
                        "header", "The header row names the column %s twice.".formatted(ImportRow.COLUMNS.get(column)));
            }
            columnOf[i] = column;
        }
        if (!seen.contains("contactId")) {
            throw new InvalidImportFile("header", "The header row must name the column contactId.");
        }
        return columnOf;
    }

    private static boolean hasNext(MappingIterator<String[]> records, long number) {
        try {
            return records.hasNextValue();
        } catch (IOException | RuntimeJsonMappingException e) {
            throw unreadable(number);
        }
    }

    private static String[] next(MappingIterator<String[]> records, long number) {
        try {
            return records.nextValue();
        } catch (IOException | RuntimeJsonMappingException e) {
            throw unreadable(number);
        }
    }

    private static InvalidImportFile unreadable(long number) {
        // The parser's message may quote the file: it is not passed on.
        return new InvalidImportFile(
                "file", "The CSV cannot be read after row %d (an unclosed quote?).".formatted(number));
    }

    private static void readNdjson(InputStream body, ObjectReader reader, Consumer<ReadRow> rows) throws IOException {
        LineReader lines = new LineReader(body);
        long number = 0;
        for (LineReader.Line line = lines.next(); line != null; line = lines.next()) {
            if (!line.tooLong() && line.text().isBlank()) {
                continue;
            }
            number++;
            if (line.tooLong()) {
                rows.accept(new ReadRow(
                        number,
                        null,
                        Refusal.invalid(null, "The line is longer than %d bytes.".formatted(MAX_LINE_BYTES))));
                continue;
            }
            try {
                rows.accept(new ReadRow(number, reader.readValue(line.text()), null));
            } catch (JsonProcessingException e) {
                rows.accept(new ReadRow(number, null, refusal(e)));
            }
        }
        if (number == 0) {
            throw new InvalidImportFile("file", "The file is empty: send one JSON object per line.");
        }
    }

    /** Why a line is not an import row, without quoting it (Jackson's messages do). */
    private static Refusal refusal(JsonProcessingException e) {
        if (e instanceof UnrecognizedPropertyException unknown) {
            return Refusal.invalid(
                    unknown.getPropertyName(),
                    "is not a field of an import row; the fields are " + String.join(", ", ImportRow.COLUMNS));
        }
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String field = mapping.getPath().get(mapping.getPath().size() - 1).getFieldName();
            return Refusal.invalid(
                    field,
                    e instanceof MismatchedInputException
                            ? "must be text (a JSON string) or null"
                            : "must be storable text");
        }
        if (e.getMessage() != null && e.getMessage().startsWith("Duplicate field")) {
            return Refusal.invalid(null, "The line has a key twice.");
        }
        return Refusal.invalid(null, "The line is not one JSON object.");
    }

    /** Reads UTF-8 lines of at most {@link #MAX_LINE_BYTES} bytes; a longer one is skipped up to its end. */
    static final class LineReader {

        record Line(String text, boolean tooLong) {}

        private final InputStream in;
        private final byte[] buffer = new byte[64 * 1024];
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();
        private int position;
        private int limit;

        LineReader(InputStream in) {
            this.in = in;
        }

        /** The next line without its line break, or {@code null} at the end. */
        Line next() throws IOException {
            line.reset();
            boolean tooLong = false;
            boolean any = false;
            while (true) {
                if (position == limit) {
                    limit = in.read(buffer);
                    position = 0;
                    if (limit <= 0) {
                        limit = 0;
                        return any ? line(tooLong) : null;
                    }
                }
                any = true;
                int start = position;
                while (position < limit && buffer[position] != '\n') {
                    position++;
                }
                if (!tooLong) {
                    if (line.size() + position - start > MAX_LINE_BYTES) {
                        tooLong = true;
                        line.reset();
                    } else {
                        line.write(buffer, start, position - start);
                    }
                }
                if (position < limit) {
                    position++;
                    return line(tooLong);
                }
            }
        }

        private Line line(boolean tooLong) {
            if (tooLong) {
                return new Line(null, true);
            }
            byte[] bytes = line.toByteArray();
            int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
            return new Line(new String(bytes, 0, length, StandardCharsets.UTF_8), false);
        }
    }

    static List<String> mediaTypes() {
        return Arrays.asList(CSV, NDJSON);
    }
}
