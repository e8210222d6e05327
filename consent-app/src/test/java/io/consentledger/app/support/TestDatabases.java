package io.consentledger.app.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The two databases the tests run on: the embedded H2 default in file mode, in the data directory every application
 * context gets of its own, and a real PostgreSQL, in a schema of its own per application context. Test classes with
 * the same configuration share one context (Spring's context cache) and keep apart by unique ids.
 */
public final class TestDatabases {

    public static final String PG_URL = env("CONSENT_TEST_PG_URL", "jdbc:postgresql://localhost:5432/consent_test");
    public static final String PG_USER = env("CONSENT_TEST_PG_USER", "postgres");
    public static final String PG_PASSWORD = env("CONSENT_TEST_PG_PASSWORD", "");

    private TestDatabases() {}

    /**
     * A new data directory for the context being started: keys the service keeps there (profile links), and on H2, the
     * product's default, the database itself.
     */
    public static void dataDirectory(DynamicPropertyRegistry registry) {
        String dataDir = newDataDirectory();
        registry.add("consent.data-dir", () -> dataDir);
    }

    /** A new, empty directory for a service's data. */
    public static String newDataDirectory() {
        try {
            return Files.createTempDirectory("consent-ledger-test").toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** PostgreSQL at CONSENT_TEST_PG_URL, in a new schema, reached through the JDBC URL {@code route} makes of it. */
    public static void postgres(DynamicPropertyRegistry registry, UnaryOperator<String> route) {
        postgresProperties(newSchema("t_"), route).forEach((name, value) -> registry.add(name, () -> value));
    }

    /** The properties that put a service on PostgreSQL, in the given schema (Flyway creates it). */
    public static Map<String, Object> postgresProperties(String schema, UnaryOperator<String> route) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("spring.datasource.url", route.apply(urlOf(schema)));
        properties.put("spring.datasource.username", PG_USER);
        properties.put("spring.datasource.password", PG_PASSWORD);
        properties.put("spring.flyway.schemas", schema);
        return properties;
    }

    /** A schema name no other test uses: the prefix and 16 random hex digits. */
    public static String newSchema(String prefix) {
        return prefix
                + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
    }

    /** The JDBC URL of the test PostgreSQL with the given schema as the current one. */
    public static String urlOf(String schema) {
        return PG_URL + (PG_URL.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
