package io.consentledger.app.security;

/** The roles of Consent Ledger's users. */
public enum Role {
    /** Defines purposes and sources. */
    ADMIN,
    /** Registers contacts and records consents and legal bases. */
    INTEGRATOR,
    /** Reads everything. */
    AUDITOR
}
