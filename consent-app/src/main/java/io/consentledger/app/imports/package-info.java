/**
 * Bulk imports of existing contacts and consents: the upload (CSV or NDJSON, read row by row and staged), the dry run,
 * the chunks the import's tracking processor works through, and the import's state and refused rows.
 */
package io.consentledger.app.imports;
