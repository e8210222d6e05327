/**
 * Crypto-shredding (GDPR Art. 17 on an append-only event store): the personal data in events is stored encrypted
 * with a key per contact, and erasing a contact deletes the key.
 */
package io.consentledger.app.privacy;
