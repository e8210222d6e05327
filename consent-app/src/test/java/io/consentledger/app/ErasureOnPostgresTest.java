package io.consentledger.app;

import io.consentledger.app.support.OnPostgres;

@OnPostgres
class ErasureOnPostgresTest extends ErasureContract {}
