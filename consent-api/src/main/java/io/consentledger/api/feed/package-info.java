/**
 * What integrations receive: the change feed of contacts' standings (pulled, pushed to webhooks or published to a
 * broker), ids and codes only, never personal data.
 */
package io.consentledger.api.feed;
