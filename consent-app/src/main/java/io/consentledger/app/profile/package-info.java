/**
 * The personal profile page (preference centre) a contact reaches from their confirmation email: what the ledger holds
 * about them, and one control per purpose to give or withdraw consent, or to object.
 */
package io.consentledger.app.profile;
