package io.consentledger.api;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.util.Optional;

/**
 * The shape every id, text, time and period the API takes must have: the caps keep events small, and the rules of text,
 * times and periods admit only values that PostgreSQL, H2 and the JSON of the events store and give back exactly.
 */
public final class FieldRules {

    public static final String FREE_TEXT_MESSAGE =
            "must be text without control characters (other than tab and line breaks), unpaired surrogates or"
                    + " Unicode noncharacters";

    public static final String SINGLE_LINE_MESSAGE =
            "must be one line of text without control characters, unpaired surrogates or Unicode noncharacters";

    /** The earliest instant the ledger takes: times before 1900 are typing errors, not consents. */
    public static final Instant EARLIEST_INSTANT = Instant.parse("1900-01-01T00:00:00Z");

    /** The first instant the ledger no longer takes: ISO-8601 text and SQL timestamps end with the year 9999. */
    public static final Instant END_OF_INSTANTS = Instant.parse("+10000-01-01T00:00:00Z");

    public static final String INSTANT_MESSAGE =
            "must be from 1900-01-01T00:00:00Z up to the end of 9999, to the microsecond at most";

    public static final String INSTANT_RANGE_MESSAGE = "must be from 1900-01-01T00:00:00Z up to the end of 9999";

    /** The longest period the ledger takes (a retention): 100 years, counted from 1 January 1970. */
    public static final Period LONGEST_PERIOD = Period.ofYears(100);

    public static final String PERIOD_MESSAGE =
            "must be an ISO-8601 period such as P2Y, none of its parts negative, at most P100Y";

    /** Purpose and source ids: lower-case slugs. */
    public static final String SLUG = "^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$";

    public static final String SLUG_MESSAGE = "must be a slug: 1-64 lower-case letters, digits and inner hyphens";

    /** Contact ids as CRMs make them: letters, digits and {@code . _ : -}, no spaces, no {@code @}. */
    public static final String CONTACT_ID = "^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$";

    public static final String CONTACT_ID_MESSAGE =
            "must be 1-128 letters, digits, '.', '_', ':' or '-', starting with a letter or digit";

    public static final String HTTP_URL = "^https?://[^\\s]+$";

    public static final String HTTP_URL_MESSAGE = "must be an http or https URL";

    public static final int NAME_MAX = 200;
    public static final int EMAIL_MAX = 254;
    public static final int DESCRIPTION_MAX = 2000;
    public static final int CONSENT_TEXT_MAX = 10_000;
    public static final int URL_MAX = 2048;
    public static final int DETAIL_MAX = 500;
    public static final int REASON_MAX = 1000;
    public static final int EVIDENCE_TEXT_MAX = 20_000;
    public static final int USER_AGENT_MAX = 512;

    private FieldRules() {}

    /**
     * Whether the text is storable free text (descriptions, consent texts, notes, reasons, evidence): lines, tabs and any
     * character but those no text may hold (see {@link #isNever(int)}).
     */
    public static boolean isFreeText(String text) {
        return holdsOnly(text, false);
    }

    /**
     * Whether the text is storable and on one line (names, emails, details, user agents, search text): free text without
     * tab, line break, line separator or paragraph separator.
     */
    public static boolean isSingleLine(String text) {
        return holdsOnly(text, true);
    }

    private static boolean holdsOnly(String text, boolean singleLine) {
        for (int i = 0; i < text.length(); ) {
            int codePoint = text.codePointAt(i);
            if (isNever(codePoint) || singleLine && isLineBreakOrTab(codePoint)) {
                return false;
            }
            i += Character.charCount(codePoint);
        }
        return true;
    }

    /**
     * What no text may hold: control characters (C0 other than tab, line feed and carriage return; DEL; C1), unpaired
     * UTF-16 surrogates (a valid pair is read as one code point) and the 66 Unicode noncharacters. PostgreSQL refuses
     * NUL in text; the others are altered or dropped on the way to UTF-8 and back, or mean nothing. A loop over the code
     * points rather than a regular expression: every text field of every request passes here.
     */
    private static boolean isNever(int codePoint) {
        return codePoint < 0x20 && codePoint != '\t' && codePoint != '\n' && codePoint != '\r'
                || codePoint >= 0x7F && codePoint <= 0x9F
                || codePoint >= Character.MIN_SURROGATE && codePoint <= Character.MAX_SURROGATE
                || codePoint >= 0xFDD0 && codePoint <= 0xFDEF
                || (codePoint & 0xFFFE) == 0xFFFE;
    }

    private static boolean isLineBreakOrTab(int codePoint) {
        return codePoint == '\t'
                || codePoint == '\n'
                || codePoint == '\r'
                || codePoint == 0x2028
                || codePoint == 0x2029;
    }

    /**
     * Why an instant to be stored cannot be stored and read back exactly (out of range, or finer than the microseconds
     * SQL timestamps keep while the events keep the text), or empty when it can.
     */
    public static Optional<String> instantProblem(Instant instant) {
        return isInRange(instant) && instant.getNano() % 1_000 == 0 ? Optional.empty() : Optional.of(INSTANT_MESSAGE);
    }

    /**
     * Whether an instant is within the years the ledger takes at all (for times that are only compared, such as
     * {@code asOf}, which may be as fine as the nanoseconds of the ledger's own event times).
     */
    public static boolean isInRange(Instant instant) {
        return !instant.isBefore(EARLIEST_INSTANT) && instant.isBefore(END_OF_INSTANTS);
    }

    /** Why the period is out of range (negative, or longer than 100 years from 1 January 1970), or empty. */
    public static Optional<String> periodProblem(Period period) {
        if (period.getYears() < 0 || period.getMonths() < 0 || period.getDays() < 0) {
            return Optional.of(PERIOD_MESSAGE);
        }
        LocalDate start = LocalDate.EPOCH;
        boolean tooLong = period.getYears() > LONGEST_PERIOD.getYears()
                || period.getMonths() > 12 * LONGEST_PERIOD.getYears()
                || period.getDays() > 366 * LONGEST_PERIOD.getYears()
                || start.plus(period).isAfter(start.plus(LONGEST_PERIOD));
        return tooLong ? Optional.of(PERIOD_MESSAGE) : Optional.empty();
    }
}
