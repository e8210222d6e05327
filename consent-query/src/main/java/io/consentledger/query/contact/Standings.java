package io.consentledger.query.contact;

import io.consentledger.api.consent.StandingChange;
import io.consentledger.api.consent.StandingStatus;

/** The standing fold's answers that other read models need, so that there is one fold ({@link Standing}). */
public final class Standings {

    private Standings() {}

    /**
     * Where a contact stands for the purpose right after the change, as recorded (expiry is no change): what the fold
     * gives for it in the ledger, where a confirmation or a lapse always settles the request the consent waits for.
     */
    public static StandingStatus statusAfter(StandingChange change) {
        return Standing.statusAfter(change);
    }
}
