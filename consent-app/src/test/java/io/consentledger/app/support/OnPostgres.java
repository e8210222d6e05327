package io.consentledger.app.support;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.test.context.ContextConfiguration;

/**
 * Runs a {@link LedgerTest} on PostgreSQL (see {@link EnabledIfPostgres} for when it runs): every class so marked
 * with the same other configuration shares one application context, in one schema of its own.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@EnabledIfPostgres
@ContextConfiguration(initializers = PostgresSchema.class)
public @interface OnPostgres {}
