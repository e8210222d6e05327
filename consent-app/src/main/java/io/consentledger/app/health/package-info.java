/**
 * What {@code /actuator/health} reports: the database decides readiness, and the SMTP server is reported but never a
 * reason to refuse traffic.
 */
package io.consentledger.app.health;
