package io.consentledger.app.amqp;

/**
 * The broker did not confirm a published change (refused, timed out, or the connection was lost): the batch that sent
 * it rolls back and is published again.
 */
class PublishNotConfirmed extends RuntimeException {

    PublishNotConfirmed(String position, String reason) {
        super("The change at position " + position + " was not confirmed by RabbitMQ: " + reason);
    }
}
