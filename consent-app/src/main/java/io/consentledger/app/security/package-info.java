/** Who may do what: service accounts from configuration, HTTP Basic, roles, and the actor put on every command. */
package io.consentledger.app.security;
