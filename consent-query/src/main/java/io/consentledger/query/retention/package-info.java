/** Contacts without a legal basis and their retention, read from the legal-basis and catalog views. */
package io.consentledger.query.retention;
