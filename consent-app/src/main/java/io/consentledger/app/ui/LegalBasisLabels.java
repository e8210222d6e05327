package io.consentledger.app.ui;

import io.consentledger.api.consent.FindLegalBases;
import io.consentledger.api.consent.LegalBasis;
import io.consentledger.api.consent.LegalBasisTerms;
import io.consentledger.api.consent.PurposeStanding;
import io.consentledger.query.contact.LegalBasisSummary;
import io.consentledger.query.projection.Queries;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * What the back office calls each legal basis: the name an admin gave it, else the standard name in the user's
 * language.
 */
@Component
class LegalBasisLabels {

    private final MessageSource messages;

    LegalBasisLabels(MessageSource messages) {
        this.messages = messages;
    }

    /**
     * The legal-basis field's line in the user's language, e.g. "Samtykke: E-marketing · Legitime interesser: Salg og
     * service": the ledger's own summary, with these labels.
     */
    String summary(List<PurposeStanding> purposes, Map<String, String> labels, Locale locale) {
        Map<LegalBasis, String> names = new EnumMap<>(LegalBasis.class);
        labels.forEach((code, label) -> names.put(LegalBasis.valueOf(code), label));
        return LegalBasisSummary.of(
                purposes, names, messages.getMessage("ui.basis.none", null, "No legal basis", locale));
    }

    /** The label of each legal basis by its code (templates look them up as {@code labels[basis.name()]}). */
    Map<String, String> labels(Queries read, Locale locale) {
        Map<String, String> labels = new LinkedHashMap<>();
        for (LegalBasisTerms name : read.many(new FindLegalBases(), LegalBasisTerms.class)) {
            labels.put(
                    name.code().name(),
                    name.namedAt() != null
                            ? name.name()
                            : messages.getMessage("ui.legal." + name.code(), null, name.standardName(), locale));
        }
        return labels;
    }
}
