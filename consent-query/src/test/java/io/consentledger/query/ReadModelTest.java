package io.consentledger.query;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.test.autoconfigure.jdbc.JdbcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

/**
 * A read model's test: the query side's Flyway migrations on an embedded H2 database, the projections' shared parts,
 * and a clock that stands at {@link #NOW}; the test imports the projections it feeds. Each test runs in a transaction
 * that is rolled back.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@JdbcTest
@TestPropertySource(
        properties = "spring.flyway.locations=classpath:db/migration/common,classpath:db/migration/{vendor}")
@Import(ReadModelTest.Parts.class)
public @interface ReadModelTest {

    /** The instant the read models' clock shows. */
    Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

    @SpringBootConfiguration
    @Import(EventSavepoints.class)
    class Parts {

        @Bean
        Clock clock() {
            return Clock.fixed(NOW, ZoneOffset.UTC);
        }
    }
}
