package io.consentledger.app;

class RetentionOnH2Test extends RetentionContract {}
