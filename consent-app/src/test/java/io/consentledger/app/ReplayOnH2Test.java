package io.consentledger.app;

class ReplayOnH2Test extends ReplayContract {}
