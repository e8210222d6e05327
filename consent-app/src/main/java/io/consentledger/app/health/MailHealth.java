package io.consentledger.app.health;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.actuate.mail.MailHealthIndicator;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * Reports whether the SMTP server takes connections, as {@code UP} or {@code DEGRADED}, never {@code DOWN}: while it is
 * unreachable, confirmation emails wait and are retried (visible in each contact's history), and every other answer of
 * the service is still right, so a mail outage must not take the node out of a load balancer.
 */
class MailHealth implements HealthIndicator {

    /** The service answers, but something it reports on, such as the SMTP server, is unavailable. */
    static final Status DEGRADED = new Status("DEGRADED", "The service answers; confirmation emails wait for SMTP");

    private final MailHealthIndicator smtp;

    MailHealth(JavaMailSenderImpl mailSender) {
        this.smtp = mailSender == null ? null : new MailHealthIndicator(mailSender);
    }

    @Override
    public Health health() {
        if (smtp == null) {
            return Health.unknown()
                    .withDetail("smtp", "not configured (spring.mail.host)")
                    .build();
        }
        Health health = smtp.health();
        if (Status.UP.equals(health.getStatus())) {
            return health;
        }
        return Health.status(DEGRADED).withDetails(health.getDetails()).build();
    }
}
