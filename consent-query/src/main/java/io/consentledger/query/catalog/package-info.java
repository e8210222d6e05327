/** The catalog read model: purposes with their version history, sources, and the legal bases. */
package io.consentledger.query.catalog;
