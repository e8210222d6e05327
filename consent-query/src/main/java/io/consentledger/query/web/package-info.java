/** What the query endpoints share: reading one's own writes and the query-side rejection interceptor. */
package io.consentledger.query.web;
