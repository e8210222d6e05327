/**
 * Links the ledger emails to a person, to their personal profile page and to confirm a consent: opaque, expiring
 * tokens, encrypted and authenticated with a key of the installation, so that they carry nothing readable and cannot
 * be forged or altered.
 */
package io.consentledger.command.profile;
