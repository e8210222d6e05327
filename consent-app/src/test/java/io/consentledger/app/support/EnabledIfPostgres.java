package io.consentledger.app.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a test class against PostgreSQL. With {@code CI=true} it always runs, and fails when PostgreSQL is
 * unreachable; elsewhere it is skipped, with the reason, when no PostgreSQL answers at CONSENT_TEST_PG_URL.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(PostgresCondition.class)
public @interface EnabledIfPostgres {}
