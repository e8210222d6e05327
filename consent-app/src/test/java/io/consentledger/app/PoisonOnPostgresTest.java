package io.consentledger.app;

import io.consentledger.app.support.EnabledIfPostgres;
import io.consentledger.app.support.TestDatabases;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@EnabledIfPostgres
class PoisonOnPostgresTest extends PoisonContract {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabases.postgres(registry);
    }

    /** PostgreSQL refuses U+0000 in text columns, the value of the issue. */
    @Override
    protected String unstorableText() {
        return "Ann\u0000Smith";
    }
}
