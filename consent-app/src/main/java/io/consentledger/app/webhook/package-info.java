/**
 * Webhooks: subscribers an admin registers, each delivered the change feed ({@code FeedChanges}) by a tracking
 * processor of its own whose token is its cursor; signed batches, at least once and in commit order, paused (never
 * skipped) when the receiver fails for too long.
 */
package io.consentledger.app.webhook;
