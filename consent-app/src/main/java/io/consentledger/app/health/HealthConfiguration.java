package io.consentledger.app.health;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * The {@code mail} health indicator in place of Spring Boot's (switched off with {@code management.health.mail.enabled}
 * in application.yml), which answers {@code DOWN} and so turns the whole health endpoint to 503 during a mail outage.
 */
@Configuration(proxyBeanMethods = false)
class HealthConfiguration {

    @Bean
    HealthIndicator mailHealthIndicator(ObjectProvider<JavaMailSenderImpl> mailSender) {
        return new MailHealth(mailSender.getIfAvailable());
    }
}
