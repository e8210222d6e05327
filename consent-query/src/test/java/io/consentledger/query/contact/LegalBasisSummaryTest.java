package io.consentledger.query.contact;

import static org.assertj.core.api.Assertions.assertThat;

import io.consentledger.api.consent.LegalBasis;
import io.consentledger.api.consent.PurposeStanding;
import io.consentledger.api.consent.StandingStatus;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class LegalBasisSummaryTest {

    private static final Map<LegalBasis, String> STANDARD = Arrays.stream(LegalBasis.values())
            .collect(Collectors.toMap(
                    basis -> basis, LegalBasis::displayName, (a, b) -> a, () -> new EnumMap<>(LegalBasis.class)));

    @Test
    void groupsPurposesInForceByLegalBasisInTheOrderOfArticleSix() {
        String summary = LegalBasisSummary.of(
                List.of(
                        basis("Sales and service", LegalBasis.LEGITIMATE_INTERESTS, StandingStatus.GRANTED),
                        basis("E-marketing", LegalBasis.CONSENT, StandingStatus.GRANTED),
                        basis("Events", LegalBasis.CONSENT, StandingStatus.GRANTED),
                        basis("Surveys", LegalBasis.CONTRACT, StandingStatus.ENDED)),
                STANDARD);
        assertThat(summary).isEqualTo("Consent: E-marketing, Events · Legitimate interests: Sales and service");
    }

    @Test
    void leavesOutWithdrawnExpiredAndUnrecordedPurposes() {
        String summary = LegalBasisSummary.of(
                List.of(
                        basis("E-marketing", LegalBasis.CONSENT, StandingStatus.WITHDRAWN),
                        basis("Events", LegalBasis.CONSENT, StandingStatus.EXPIRED),
                        basis("Surveys", null, StandingStatus.NOT_RECORDED)),
                STANDARD);
        assertThat(summary).isEqualTo("No legal basis");
    }

    @Test
    void usesTheNamesTheBasesWereGiven() {
        Map<LegalBasis, String> names = new EnumMap<>(STANDARD);
        names.put(LegalBasis.LEGITIMATE_INTERESTS, "Legitimate interest");
        String summary = LegalBasisSummary.of(
                List.of(basis("Sales and service", LegalBasis.LEGITIMATE_INTERESTS, StandingStatus.GRANTED)), names);
        assertThat(summary).isEqualTo("Legitimate interest: Sales and service");
    }

    private static PurposeStanding basis(String name, LegalBasis basis, StandingStatus status) {
        return new PurposeStanding(name.toLowerCase(), name, 1, basis, status, null, null, null, null, null);
    }
}
