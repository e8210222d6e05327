package io.consentledger.app;

class BulkCheckOnH2Test extends BulkCheckContract {}
