/** The message contract of Consent Ledger: commands, events, queries and value types shared by all modules. */
package io.consentledger.api;
