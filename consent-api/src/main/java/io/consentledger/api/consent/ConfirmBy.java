package io.consentledger.api.consent;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How the person must confirm a consent before it counts (double opt-in). */
public enum ConfirmBy {
    /** By following a link the ledger emails to the contact's address. */
    @JsonProperty("email")
    EMAIL
}
