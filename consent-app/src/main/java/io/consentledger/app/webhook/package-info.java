/**
 * Webhooks: subscribers an admin registers, each delivered the change feed ({@code ChangeFeedSource}) by a tracking
 * processor of its own whose token is its cursor; signed batches, at least once and in the feed's order, paused (never
 * skipped) when the receiver fails for too long.
 */
package io.consentledger.app.webhook;
