package io.consentledger.query.contact;

import static org.assertj.core.api.Assertions.assertThat;

import io.consentledger.api.consent.ConsentStatus;
import io.consentledger.api.consent.LegalBasis;
import io.consentledger.api.consent.PurposeBasis;
import java.util.List;
import org.junit.jupiter.api.Test;

class LegalBasisSummaryTest {

    @Test
    void groupsPurposesInForceByLegalBasisInTheOrderOfArticleSix() {
        String summary = LegalBasisProjection.summary(List.of(
                basis("Sales and service", LegalBasis.LEGITIMATE_INTERESTS, ConsentStatus.GRANTED),
                basis("E-marketing", LegalBasis.CONSENT, ConsentStatus.GRANTED),
                basis("Events", LegalBasis.CONSENT, ConsentStatus.GRANTED),
                basis("Surveys", LegalBasis.CONTRACT, ConsentStatus.ENDED)));
        assertThat(summary).isEqualTo("Consent: E-marketing, Events · Legitimate interests: Sales and service");
    }

    @Test
    void leavesOutWithdrawnExpiredAndUnrecordedPurposes() {
        String summary = LegalBasisProjection.summary(List.of(
                basis("E-marketing", LegalBasis.CONSENT, ConsentStatus.WITHDRAWN),
                basis("Events", LegalBasis.CONSENT, ConsentStatus.EXPIRED),
                basis("Surveys", null, ConsentStatus.NOT_RECORDED)));
        assertThat(summary).isEqualTo("No legal basis");
    }

    private static PurposeBasis basis(String name, LegalBasis basis, ConsentStatus status) {
        return new PurposeBasis(name.toLowerCase(), name, 1, basis, status, null, null, null, null, null);
    }
}
