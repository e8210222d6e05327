/** The write side: aggregates, command handlers and the HTTP command endpoints. */
package io.consentledger.command;
