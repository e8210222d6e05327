package io.consentledger.command;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the command side.
 *
 * @param cacheAggregates how many loaded contact ledgers to keep in memory between commands; 0 turns the cache off. A
 *     cached ledger is brought up to date with one read of the events appended to its stream since (by any node)
 *     before every command, so the cache is safe with several nodes; it saves replaying the contact's whole stream.
 */
@ConfigurationProperties("consent.command")
public record CommandSettings(@DefaultValue("10000") int cacheAggregates) {}
