/** Administration endpoints that need both sides: starting a projection's rebuild, once per Idempotency-Key. */
package io.consentledger.app.admin;
