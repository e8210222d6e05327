package io.consentledger.api.consent;

/**
 * An event that changes where a contact stands for one purpose; the read side folds exactly these into a standing.
 */
public sealed interface StandingChange
        permits ConsentGranted,
                ConsentConfirmationRequested,
                ConsentConfirmed,
                ConsentLapsed,
                ConsentWithdrawn,
                LegalBasisDocumented,
                LegalBasisEnded {

    String contactId();

    String purposeId();

    /** The version of the purpose's terms the change was recorded under. */
    int purposeVersion();
}
