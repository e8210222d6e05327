package io.consentledger.app;

class AuditExportOnH2Test extends AuditExportContract {}
