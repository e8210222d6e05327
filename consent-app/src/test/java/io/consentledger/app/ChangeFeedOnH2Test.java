package io.consentledger.app;

class ChangeFeedOnH2Test extends ChangeFeedContract {}
