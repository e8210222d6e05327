/** Contacts without a legal basis and their retention, read from the legal-basis read model. */
package io.consentledger.query.retention;
