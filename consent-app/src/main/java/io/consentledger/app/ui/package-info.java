/**
 * The back office for people: sign-in, contact search and registration, the contact card with its legal-basis dialog,
 * the privacy settings, the auditor's view and the projections page. Every controller of the back office lives here:
 * the page model and error pages apply to this package.
 */
package io.consentledger.app.ui;
