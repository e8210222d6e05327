package io.consentledger.query.projection;

import io.consentledger.api.audit.FindLedgerChanges;
import io.consentledger.api.consent.CheckConsent;
import io.consentledger.api.consent.CheckConsentAsOf;
import io.consentledger.api.consent.FindContactHistory;
import io.consentledger.api.consent.FindLegalBases;
import io.consentledger.api.consent.FindLegalBasis;
import io.consentledger.api.consent.FindLegalBasisAsOf;
import io.consentledger.api.contact.FindContact;
import io.consentledger.api.contact.FindContacts;
import io.consentledger.api.purpose.FindPurposeVersions;
import io.consentledger.api.purpose.FindPurposes;
import io.consentledger.api.retention.FindContactsWithoutLegalBasis;
import io.consentledger.api.source.FindSources;
import java.util.List;
import java.util.Map;

/**
 * The read models (each one projection, named by its processing group) and which of them answers each query: the one
 * place that knows it, so that {@link Queries#fresh()} can wait for the right projection and no caller names one.
 * Every read model answers from its own tables only.
 */
public final class ReadModels {

    /** Purposes, their versions, sources and the names of the legal bases. */
    public static final String CATALOG = "catalog";

    /** Contacts and where each stands for every purpose: the contact card, the consent check, retention. */
    public static final String LEGAL_BASIS = "legal-basis";

    /** Every change to a contact's ledger: the history and the auditor's browser. */
    public static final String HISTORY = "history";

    /**
     * Every change to a contact's standing at its event's global position: the change feed. It answers no query: its
     * readers page by position below a watermark (see {@code io.consentledger.query.feed.ChangeFeed}).
     */
    public static final String CHANGE_FEED = "change-feed";

    /** Every read model, in the order the projections page lists them. */
    public static final List<String> ALL = List.of(CATALOG, LEGAL_BASIS, HISTORY, CHANGE_FEED);

    private static final Map<Class<?>, String> ANSWERED_BY = Map.ofEntries(
            Map.entry(FindPurposes.class, CATALOG),
            Map.entry(FindPurposeVersions.class, CATALOG),
            Map.entry(FindSources.class, CATALOG),
            Map.entry(FindLegalBases.class, CATALOG),
            Map.entry(FindContact.class, LEGAL_BASIS),
            Map.entry(FindContacts.class, LEGAL_BASIS),
            Map.entry(FindLegalBasis.class, LEGAL_BASIS),
            Map.entry(CheckConsent.class, LEGAL_BASIS),
            Map.entry(FindContactsWithoutLegalBasis.class, LEGAL_BASIS),
            // As-of answers come from the event store; only the ids of the purposes come from the read model.
            Map.entry(FindLegalBasisAsOf.class, LEGAL_BASIS),
            Map.entry(CheckConsentAsOf.class, LEGAL_BASIS),
            Map.entry(FindContactHistory.class, HISTORY),
            Map.entry(FindLedgerChanges.class, HISTORY));

    private ReadModels() {}

    /** The read model that answers queries of this type. */
    public static String answering(Class<?> queryType) {
        String readModel = ANSWERED_BY.get(queryType);
        if (readModel == null) {
            throw new IllegalArgumentException("No read model answers " + queryType.getName());
        }
        return readModel;
    }
}
