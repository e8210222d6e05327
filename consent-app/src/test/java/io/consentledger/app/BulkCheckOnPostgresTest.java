package io.consentledger.app;

import io.consentledger.app.support.OnPostgres;

@OnPostgres
class BulkCheckOnPostgresTest extends BulkCheckContract {}
