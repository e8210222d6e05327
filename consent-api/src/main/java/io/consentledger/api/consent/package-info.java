/** Legal bases and consents of one contact for one purpose: commands, events, queries and their views. */
package io.consentledger.api.consent;
