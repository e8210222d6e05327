package io.consentledger.app;

class OutOfOrderCommitOnH2Test extends OutOfOrderCommitContract {}
