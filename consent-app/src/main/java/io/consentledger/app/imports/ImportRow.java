package io.consentledger.app.imports;

import static io.consentledger.api.FieldRules.DETAIL_MAX;
import static io.consentledger.api.FieldRules.EMAIL_MAX;
import static io.consentledger.api.FieldRules.EVIDENCE_TEXT_MAX;
import static io.consentledger.api.FieldRules.HTTP_URL;
import static io.consentledger.api.FieldRules.HTTP_URL_MESSAGE;
import static io.consentledger.api.FieldRules.NAME_MAX;
import static io.consentledger.api.FieldRules.URL_MAX;

import io.consentledger.api.ContactId;
import io.consentledger.api.FieldRules;
import io.consentledger.api.FreeText;
import io.consentledger.api.SingleLine;
import io.consentledger.api.Slug;
import io.consentledger.api.consent.LegalBasis;
import io.consentledger.api.consent.StandingStatus;
import io.consentledger.api.imports.ImportContact;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

/**
 * One row of an import file as read, every cell text ({@code null} when blank), with the same field rules as the API's
 * commands. The columns of a CSV file and the keys of an NDJSON line are these components' names.
 */
record ImportRow(
        @NotBlank @ContactId String contactId,
        @Size(max = NAME_MAX) @SingleLine String name,
        @Size(max = EMAIL_MAX) @Email @SingleLine String email,
        @Slug String sourceId,
        @Size(max = DETAIL_MAX) @SingleLine String sourceDetail,

        @Pattern(regexp = "^(en|da)$", message = "must be en or da")
        String locale,

        @Slug String purposeId,

        @Pattern(
                regexp = "^(CONSENT|CONTRACT|LEGAL_OBLIGATION|VITAL_INTERESTS|PUBLIC_TASK|LEGITIMATE_INTERESTS)$",
                message = "must be one of CONSENT, CONTRACT, LEGAL_OBLIGATION, VITAL_INTERESTS, PUBLIC_TASK,"
                        + " LEGITIMATE_INTERESTS")
        String legalBasis,

        @Pattern(regexp = "^(GRANTED|WITHDRAWN|ENDED)$", message = "must be GRANTED, WITHDRAWN or ENDED")
        String status,

        String capturedAt,
        String validUntil,
        @Size(max = EVIDENCE_TEXT_MAX) @FreeText String evidenceText,

        @Size(max = URL_MAX) @Pattern(regexp = HTTP_URL, message = HTTP_URL_MESSAGE)
        String formUrl) {

    /** The columns (CSV) and keys (NDJSON) an import file may have, in this order in {@code errors.csv}'s terms. */
    static final List<String> COLUMNS = List.of(
            "contactId",
            "name",
            "email",
            "sourceId",
            "sourceDetail",
            "locale",
            "purposeId",
            "legalBasis",
            "status",
            "capturedAt",
            "validUntil",
            "evidenceText",
            "formUrl");

    /** The row with blank cells as {@code null}: a blank cell says nothing, so it never overwrites. */
    ImportRow blanksAsNull() {
        return new ImportRow(
                blank(contactId),
                blank(name),
                blank(email),
                blank(sourceId),
                blank(sourceDetail),
                blank(locale),
                blank(purposeId),
                blank(legalBasis),
                blank(status),
                blank(capturedAt),
                blank(validUntil),
                blank(evidenceText),
                blank(formUrl));
    }

    /** A row from the cells of a CSV record, by column index as the header named them. */
    static ImportRow of(String[] cells) {
        return new ImportRow(
                cells[0], cells[1], cells[2], cells[3], cells[4], cells[5], cells[6], cells[7], cells[8], cells[9],
                cells[10], cells[11], cells[12]);
    }

    /** The field whose instant cannot be read or stored, with why; empty when both times are fine. */
    Optional<String[]> timeProblem() {
        for (String[] time : new String[][] {{"capturedAt", capturedAt}, {"validUntil", validUntil}}) {
            if (time[1] != null) {
                Optional<String> problem = instantProblem(time[1]);
                if (problem.isPresent()) {
                    return Optional.of(new String[] {time[0], problem.get()});
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<String> instantProblem(String text) {
        try {
            return FieldRules.instantProblem(DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(text, Instant::from));
        } catch (DateTimeParseException e) {
            return Optional.of("must be an ISO-8601 time with an offset, e.g. 2026-03-01T12:00:00Z");
        }
    }

    /** The command that imports the row; its times and codes were validated before. */
    ImportContact toCommand(boolean sendConfirmation) {
        return new ImportContact(
                contactId,
                name,
                email,
                sourceId,
                sourceDetail,
                locale,
                purposeId,
                legalBasis == null ? null : LegalBasis.valueOf(legalBasis),
                status == null ? null : StandingStatus.valueOf(status),
                instant(capturedAt),
                instant(validUntil),
                evidenceText,
                formUrl,
                sendConfirmation);
    }

    private static Instant instant(String text) {
        return text == null ? null : DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(text, Instant::from);
    }

    private static String blank(String cell) {
        return cell == null || cell.isBlank() ? null : cell;
    }
}
