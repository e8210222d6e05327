package io.consentledger.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.Period;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FieldRulesTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Ann Smith",
                "Søren Ærø-Øster",
                "李小龍",
                "emoji \uD83D\uDE00 as a valid pair",
                "replacement \uFFFD is a character",
                "",
                "private use \uE000"
            })
    void takesOrdinaryTextOnOneLineAndAsFreeText(String text) {
        assertThat(FieldRules.isSingleLine(text)).isTrue();
        assertThat(FieldRules.isFreeText(text)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"two\nlines", "carriage\rreturn", "a\ttab", "line\u2028separator", "para\u2029graph"})
    void keepsLineBreaksAndTabsForFreeTextOnly(String text) {
        assertThat(FieldRules.isSingleLine(text)).isFalse();
        assertThat(FieldRules.isFreeText(text)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "nul \u0000 inside",
                "bell \u0007",
                "vertical \u000B tab",
                "form \u000C feed",
                "escape \u001B[31m",
                "delete \u007F",
                "next line \u0085",
                "c1 \u009F",
                "lone high \uD800",
                "lone low \uDC00",
                "reversed pair \uDE00\uD83D",
                "nonchar \uFDD0",
                "nonchar \uFFFE",
                "nonchar \uFFFF",
                "plane 1 nonchar \uD83F\uDFFE",
                "plane 16 nonchar \uDBFF\uDFFF"
            })
    void refusesWhatCannotBeStoredAndReadBackEverywhere(String text) {
        assertThat(FieldRules.isSingleLine(text)).isFalse();
        assertThat(FieldRules.isFreeText(text)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(ints = {0x20, 0x7E, 0xA0, 0xD7FF, 0xE000, 0xFDCF, 0xFDF0, 0xFFFD, 0x10000, 0x1FFFD, 0x10FFFD})
    void takesTheCharactersNextToEveryRefusedRange(int codePoint) {
        String text = "a" + Character.toString(codePoint) + "b";
        assertThat(FieldRules.isSingleLine(text)).as("U+%04X", codePoint).isTrue();
    }

    @ParameterizedTest
    @ValueSource(ints = {0x1F, 0x7F, 0x9F, 0xD800, 0xDFFF, 0xFDD0, 0xFDEF, 0xFFFE, 0x10FFFF})
    void refusesTheFirstAndLastCharacterOfEveryRefusedRange(int codePoint) {
        String text = "a"
                + (codePoint >= 0xD800 && codePoint <= 0xDFFF
                        ? String.valueOf((char) codePoint)
                        : Character.toString(codePoint))
                + "b";
        assertThat(FieldRules.isFreeText(text)).as("U+%04X", codePoint).isFalse();
    }

    @Test
    void takesInstantsFrom1900ToTheEndOf9999ToTheMicrosecond() {
        assertThat(FieldRules.instantProblem(Instant.parse("1900-01-01T00:00:00Z")))
                .isEmpty();
        assertThat(FieldRules.instantProblem(Instant.parse("9999-12-31T23:59:59.999999Z")))
                .isEmpty();
        assertThat(FieldRules.instantProblem(Instant.parse("2026-03-01T12:00:00.123456Z")))
                .isEmpty();
        assertThat(FieldRules.instantProblem(Instant.parse("1899-12-31T23:59:59.999999Z")))
                .isPresent();
        assertThat(FieldRules.instantProblem(Instant.parse("+10000-01-01T00:00:00Z")))
                .isPresent();
        assertThat(FieldRules.instantProblem(Instant.parse("2026-03-01T12:00:00.1234567Z")))
                .isPresent();
        assertThat(FieldRules.instantProblem(Instant.MIN)).isPresent();
        assertThat(FieldRules.instantProblem(Instant.MAX)).isPresent();
    }

    @Test
    void comparesInstantsOfAnyPrecisionWithinTheYearsItTakes() {
        assertThat(FieldRules.isInRange(Instant.parse("2026-03-01T12:00:00.123456789Z")))
                .isTrue();
        assertThat(FieldRules.isInRange(Instant.parse("1899-12-31T23:59:59.999999999Z")))
                .isFalse();
        assertThat(FieldRules.isInRange(Instant.parse("+10000-01-01T00:00:00Z")))
                .isFalse();
    }

    @Test
    void takesPeriodsFromNothingToAHundredYearsNoneNegative() {
        for (String ok : new String[] {"P0D", "P1Y", "P2Y6M", "P100Y", "P1200M", "P36525D", "P99Y11M30D", "P3W"}) {
            assertThat(FieldRules.periodProblem(Period.parse(ok))).as(ok).isEmpty();
        }
        for (String bad : new String[] {"P101Y", "P1201M", "P36526D", "P100Y1D", "-P1Y", "P1Y-1M", "P999999999Y"}) {
            assertThat(FieldRules.periodProblem(Period.parse(bad))).as(bad).isPresent();
        }
    }
}
