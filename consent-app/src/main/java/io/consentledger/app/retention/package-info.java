/** Erasing contacts in bulk once their retention has run out: one erasure command per contact, as a job. */
package io.consentledger.app.retention;
