/** What auditors ask of the whole ledger: its changes across contacts, filtered and paged. */
package io.consentledger.api.audit;
