package io.consentledger.query.projection;

/**
 * What a retry of a projection's dead letters did.
 *
 * @param projection the projection's processing group
 * @param processed dead letters that went through and left the queue
 * @param stillDead dead letters left in the queue (a failing letter holds back its contact's later ones)
 */
public record DeadLetterRetry(String projection, long processed, long stillDead) {}
