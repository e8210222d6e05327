/**
 * Telling contacts what is stored about them (GDPR Art. 13/14): the confirmation email, sent by a saga that retries
 * through Axon's deadline manager and records every attempt as an event. Not a projection: a replay never re-sends.
 */
package io.consentledger.command.confirmation;
