package io.consentledger.app;

class ErasureOnH2Test extends ErasureContract {}
