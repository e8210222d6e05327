package io.consentledger.app;

class ProjectionAdminOnH2Test extends ProjectionAdminContract {}
