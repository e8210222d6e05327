/**
 * The command side's view of purposes and sources: a lookup table kept in the same transaction as the events, so
 * that every node can check that a purpose or source exists and is active.
 */
package io.consentledger.command.catalog;
