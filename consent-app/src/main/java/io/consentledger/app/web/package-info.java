/** How the HTTP API answers errors: RFC 9457 problem details with stable types, and request size limits. */
package io.consentledger.app.web;
