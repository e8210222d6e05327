package io.consentledger.app;

import io.consentledger.app.support.OnPostgres;

@OnPostgres
class PoisonOnPostgresTest extends PoisonContract {
    /** PostgreSQL refuses U+0000 in text columns, the value of the issue. */
    @Override
    protected String unstorableText() {
        return "Ann\u0000Smith";
    }
}
