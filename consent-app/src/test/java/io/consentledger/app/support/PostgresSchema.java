package io.consentledger.app.support;

import java.util.function.UnaryOperator;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Puts the application context being started on PostgreSQL, in a new schema; see {@link OnPostgres}. As an
 * initializer it is part of the context's configuration, so that every class it is used by shares one context.
 */
class PostgresSchema implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        context.getEnvironment()
                .getPropertySources()
                .addFirst(new MapPropertySource(
                        "postgres-schema",
                        TestDatabases.postgresProperties(TestDatabases.newSchema("t_"), UnaryOperator.identity())));
    }
}
