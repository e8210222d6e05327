package io.consentledger.app.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The two databases every storage test runs on: the embedded H2 default in file mode, in a fresh data directory, and
 * a real PostgreSQL, in a fresh schema per test class.
 */
public final class TestDatabases {

    public static final String PG_URL = env("CONSENT_TEST_PG_URL", "jdbc:postgresql://localhost:5432/consent_test");
    public static final String PG_USER = env("CONSENT_TEST_PG_USER", "postgres");
    public static final String PG_PASSWORD = env("CONSENT_TEST_PG_PASSWORD", "");

    private TestDatabases() {}

    /** The product's default: H2 in file mode under a new data directory. */
    public static void h2(DynamicPropertyRegistry registry) {
        try {
            Path dataDir = Files.createTempDirectory("consent-ledger-test");
            registry.add("consent.data-dir", dataDir::toString);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** PostgreSQL at CONSENT_TEST_PG_URL, in a schema of this test class's own. */
    public static void postgres(DynamicPropertyRegistry registry) {
        postgres(registry, UnaryOperator.identity());
    }

    /** The same, reached through the JDBC URL that {@code route} makes of it (e.g. through a proxy). */
    public static void postgres(DynamicPropertyRegistry registry, UnaryOperator<String> route) {
        String schema = "t_"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
        String url = route.apply(PG_URL + (PG_URL.contains("?") ? "&" : "?") + "currentSchema=" + schema);
        registry.add("spring.datasource.url", () -> url);
        registry.add("spring.datasource.username", () -> PG_USER);
        registry.add("spring.datasource.password", () -> PG_PASSWORD);
        registry.add("spring.flyway.schemas", () -> schema);
        // Keys the service keeps in its data directory (profile links) go to a fresh one, not the working tree.
        h2(registry);
    }

    static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
