package io.consentledger.app;

import io.consentledger.app.support.TestDatabases;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

class PoisonOnH2Test extends PoisonContract {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabases.h2(registry);
    }

    /** H2 stores any character, but nothing longer than a column allows (names 200, source details 500). */
    @Override
    protected String unstorableText() {
        return "Ann Smith " + "A".repeat(600);
    }
}
