/** The back office for people: sign-in, contact search and the contact card with its legal-basis dialog. */
package io.consentledger.app.ui;
