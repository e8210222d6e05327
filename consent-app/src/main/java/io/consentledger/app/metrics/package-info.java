/**
 * What operators scrape at {@code /actuator/prometheus}: commands by type and outcome with their latency, each
 * processor's lag behind the event store, dead letters and the confirmation emails waiting to go out. Tags hold codes
 * only (a command's type, a rejection's kind, a processor's name), never an id or personal data.
 */
package io.consentledger.app.metrics;
