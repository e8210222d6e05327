package io.consentledger.command;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the command side.
 *
 * @param cacheAggregates how many loaded contact ledgers to keep in memory between commands, so that a command does
 *     not replay the contact's events first; 0 turns the cache off. A command on a stale copy (another node changed
 *     the contact meanwhile) fails on the event table's unique key, evicts the copy and is retried; only a rejection
 *     computed from a stale copy can slip through, so set 0 when several nodes write to the same contacts.
 * @param catalogTtl how long this node trusts its in-memory copy of the purposes and sources. A change made on this
 *     node applies at once; one made on another node sharing the database applies here within this time.
 */
@ConfigurationProperties("consent.command")
public record CommandSettings(
        @DefaultValue("10000") int cacheAggregates,
        @DefaultValue("1s") Duration catalogTtl) {}
