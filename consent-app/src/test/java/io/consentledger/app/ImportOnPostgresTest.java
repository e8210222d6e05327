package io.consentledger.app;

import io.consentledger.app.support.OnPostgres;

@OnPostgres
class ImportOnPostgresTest extends ImportContract {}
