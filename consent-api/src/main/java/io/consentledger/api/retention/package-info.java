/** Retention: contacts without a legal basis, and how long their data may still be kept. */
package io.consentledger.api.retention;
