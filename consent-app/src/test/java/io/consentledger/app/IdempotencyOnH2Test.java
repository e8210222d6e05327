package io.consentledger.app;

class IdempotencyOnH2Test extends IdempotencyContract {}
