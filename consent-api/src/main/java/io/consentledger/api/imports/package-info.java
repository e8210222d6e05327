/**
 * Bulk imports of existing contacts and their standings: the import's own run (started, chunk processed, finished)
 * and the command that brings one row into a contact's ledger.
 */
package io.consentledger.api.imports;
