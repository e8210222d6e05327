/** The projections' operation: which read model answers which query, fresh reads (waiting for a projection to catch
 * up), their status and rebuilds, and their dead letters. */
package io.consentledger.query.projection;
