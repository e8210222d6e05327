package io.consentledger.app.amqp;

import java.util.List;
import org.springframework.boot.autoconfigure.AutoConfigurationImportFilter;
import org.springframework.boot.autoconfigure.AutoConfigurationMetadata;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;

/**
 * Keeps Spring Boot's RabbitMQ auto-configuration (connection factory, template, admin, health indicator, metrics) out
 * of the service unless {@code consent.amqp.enabled=true}: having the starter on the class path must not make a node
 * connect to a broker, nor report one in its health, when publishing to RabbitMQ is off (the default).
 */
public final class AmqpSwitch implements AutoConfigurationImportFilter, EnvironmentAware {

    /** The packages of Spring Boot's RabbitMQ auto-configurations: the client, its health and its metrics. */
    private static final List<String> RABBIT_AUTO_CONFIGURATIONS = List.of(
            "org.springframework.boot.autoconfigure.amqp.",
            "org.springframework.boot.actuate.autoconfigure.amqp.",
            "org.springframework.boot.actuate.autoconfigure.metrics.amqp.");

    private Environment environment;

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public boolean[] match(String[] autoConfigurationClasses, AutoConfigurationMetadata metadata) {
        boolean enabled = environment.getProperty(AmqpSettings.ENABLED, Boolean.class, false);
        boolean[] matches = new boolean[autoConfigurationClasses.length];
        for (int i = 0; i < autoConfigurationClasses.length; i++) {
            String candidate = autoConfigurationClasses[i];
            matches[i] = enabled
                    || candidate == null
                    || RABBIT_AUTO_CONFIGURATIONS.stream().noneMatch(candidate::startsWith);
        }
        return matches;
    }
}
