package io.consentledger.app;

class ConcurrencyOnH2Test extends ConcurrencyContract {}
