package io.consentledger.app;

class ImportOnH2Test extends ImportContract {}
