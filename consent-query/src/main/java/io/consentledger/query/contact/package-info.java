/** Read models of contacts: the legal-basis field with its consent check, and the who/when/source history. */
package io.consentledger.query.contact;
