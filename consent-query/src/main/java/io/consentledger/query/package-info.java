/** The read side: projections into their own tables, query handlers and the HTTP query endpoints. */
package io.consentledger.query;
