/** The retention API: contacts without a legal basis and whether their retention period has run out. */
package io.consentledger.query.retention;
