/**
 * Data-subject exports (GDPR Art. 15 and 20): everything the ledger holds about one contact as an Excel workbook a
 * person can be sent, and as JSON for portability, built from the read models.
 */
package io.consentledger.query.export;
