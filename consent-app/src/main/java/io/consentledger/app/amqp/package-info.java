/**
 * Optional publishing of the change feed to RabbitMQ ({@code consent.amqp.enabled=true}): a tracking processor,
 * {@code amqp-publisher}, sends every feed change to a durable topic exchange with publisher confirms and moves its
 * token only once the broker has confirmed the whole batch. Switched off, nothing of RabbitMQ is configured.
 */
package io.consentledger.app.amqp;
