package io.consentledger.query.contact;

import io.consentledger.api.consent.LegalBasis;
import io.consentledger.api.consent.PurposeStanding;
import io.consentledger.api.consent.StandingStatus;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The contact card's legal-basis line, e.g. "Consent: E-marketing · Legitimate interests: Sales and service": the
 * purposes in force grouped by legal basis, in the order of Art. 6(1).
 */
public final class LegalBasisSummary {

    static final String NONE = "No legal basis";

    private LegalBasisSummary() {}

    /** The line with the legal bases under the names given, in English. */
    static String of(List<PurposeStanding> purposes, Map<LegalBasis, String> names) {
        return of(purposes, names, NONE);
    }

    /** The line with the names and the words for "no legal basis" of the caller's choice (e.g. a language). */
    public static String of(List<PurposeStanding> purposes, Map<LegalBasis, String> names, String none) {
        Map<LegalBasis, List<String>> inForce = new EnumMap<>(LegalBasis.class);
        for (PurposeStanding purpose : purposes) {
            if (purpose.status() == StandingStatus.GRANTED) {
                inForce.computeIfAbsent(purpose.legalBasis(), basis -> new ArrayList<>())
                        .add(purpose.purposeName());
            }
        }
        if (inForce.isEmpty()) {
            return none;
        }
        return inForce.entrySet().stream()
                .map(entry -> names.get(entry.getKey()) + ": " + String.join(", ", entry.getValue()))
                .collect(Collectors.joining(" · "));
    }
}
