package io.consentledger.app.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a test class against the real RabbitMQ on 127.0.0.1:5672 (guest/guest). With {@code CI=true} it always runs,
 * and fails when the broker is unreachable ({@code .ci/run} starts it); elsewhere it is skipped, with the reason, when
 * nothing answers there.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(RabbitMqCondition.class)
public @interface EnabledIfRabbitMq {}
