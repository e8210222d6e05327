/**
 * Links to a contact's personal profile page: opaque, expiring tokens, encrypted and authenticated with a key of the
 * installation, so that they carry nothing readable and cannot be forged or altered.
 */
package io.consentledger.command.profile;
