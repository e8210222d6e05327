/** What every command endpoint shares: dispatch with idempotency keys, receipts and rejection translation. */
package io.consentledger.command.web;
