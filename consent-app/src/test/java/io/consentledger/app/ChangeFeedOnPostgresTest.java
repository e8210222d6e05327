package io.consentledger.app;

import io.consentledger.app.support.OnPostgres;

@OnPostgres
class ChangeFeedOnPostgresTest extends ChangeFeedContract {}
