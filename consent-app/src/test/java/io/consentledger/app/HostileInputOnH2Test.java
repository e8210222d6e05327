package io.consentledger.app;

class HostileInputOnH2Test extends HostileInputContract {}
