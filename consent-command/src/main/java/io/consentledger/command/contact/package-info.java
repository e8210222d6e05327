/** The ledger of one contact: registration, consents and legal bases per purpose, and their HTTP endpoints. */
package io.consentledger.command.contact;
