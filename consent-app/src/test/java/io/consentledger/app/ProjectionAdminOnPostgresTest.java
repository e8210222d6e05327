package io.consentledger.app;

import io.consentledger.app.support.OnPostgres;

@OnPostgres
class ProjectionAdminOnPostgresTest extends ProjectionAdminContract {}
