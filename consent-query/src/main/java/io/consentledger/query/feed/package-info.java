/**
 * The change feed: every change to a contact's standing (and every erasure) at its event's global position, ids and
 * codes only; {@link io.consentledger.query.feed.FeedChanges} is the one mapping the feed, webhooks and the broker
 * share.
 */
package io.consentledger.query.feed;
