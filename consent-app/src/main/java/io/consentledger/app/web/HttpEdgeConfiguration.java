package io.consentledger.app.web;

import io.consentledger.api.FieldRules;
import io.consentledger.command.web.CommandSender;
import io.consentledger.command.web.InvalidIdempotencyKey;
import io.consentledger.query.projection.ProjectionBacklog;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.text.ParseException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.filters.FailedRequestFilter;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.format.Formatter;
import org.springframework.format.FormatterRegistry;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The edge of HTTP: every layer that can refuse a request answers with a problem (Tomcat before any servlet, the
 * security firewall, parameters Tomcat could not decode), and times in query parameters are held to the same rules as
 * in bodies.
 */
@Configuration(proxyBeanMethods = false)
class HttpEdgeConfiguration {

    /**
     * Spring Security's firewall refuses paths with encoded slashes or backslashes, {@code ..}, {@code //}, {@code ;}
     * or an encoded percent sign; its default answer is a bare 400.
     */
    @Bean
    RequestRejectedHandler problemForRejectedRequests(ProblemResponses problems) {
        return (request, response, rejected) -> problems.write(
                request,
                response,
                HttpStatus.BAD_REQUEST,
                ProblemTypes.MALFORMED_REQUEST,
                "The request path holds characters or sequences the ledger refuses: encoded slashes, backslashes or"
                        + " percent signs, '..', '//' or ';'.");
    }

    /**
     * Tomcat drops query or form parameters it cannot decode ({@code %ZZ}, broken UTF-8) and goes on as if they were
     * not sent; its {@link FailedRequestFilter} refuses such requests instead (a 400 the error page turns into a
     * problem).
     */
    @Bean
    FilterRegistrationBean<FailedRequestFilter> refuseUndecodableParameters() {
        FilterRegistrationBean<FailedRequestFilter> registration =
                new FilterRegistrationBean<>(new FailedRequestFilter());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        return registration;
    }

    /**
     * Tomcat answers what it refuses before any servlet through the host's error report valve: ours writes a problem.
     * Runs after Spring Boot's own customizer, which adds Tomcat's HTML valve, and takes its place.
     */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemReportValve() {
        return new ProblemValveCustomizer();
    }

    /**
     * Parameters: instants in ISO-8601 with an offset within {@link FieldRules#isInRange}; and a malformed
     * {@code Idempotency-Key} is refused before the request is read, on every write.
     */
    @Bean
    WebMvcConfigurer strictParameters() {
        return new WebMvcConfigurer() {
            @Override
            public void addFormatters(FormatterRegistry registry) {
                registry.addFormatterForFieldType(Instant.class, new InstantParameterFormatter());
            }

            @Override
            public void addInterceptors(InterceptorRegistry registry) {
                registry.addInterceptor(new IdempotencyKeyShape()).addPathPatterns("/api/**");
            }
        };
    }

    /** Writes wait while the read models are too far behind (see {@link WriteAdmission}). */
    @Bean
    WebMvcConfigurer writeAdmission(
            ProjectionBacklog backlog, WriteAdmissionSettings settings, MeterRegistry registry) {
        WriteAdmission admission = new WriteAdmission(backlog::events, settings, registry);
        return new WebMvcConfigurer() {
            @Override
            public void addInterceptors(InterceptorRegistry interceptors) {
                interceptors.addInterceptor(admission).addPathPatterns("/api/**");
            }
        };
    }

    /** Refuses a write whose Idempotency-Key is empty, too long or not printable ASCII. */
    private static final class IdempotencyKeyShape implements HandlerInterceptor {

        @Override
        public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
            String key = request.getHeader(CommandSender.IDEMPOTENCY_KEY_HEADER);
            boolean write = "POST".equals(request.getMethod()) || "PUT".equals(request.getMethod());
            if (write && key != null && !CommandSender.validKey(key)) {
                throw new InvalidIdempotencyKey();
            }
            return true;
        }
    }

    private static final class ProblemValveCustomizer
            implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

        @Override
        public void customize(TomcatServletWebServerFactory factory) {
            factory.addContextCustomizers(context -> {
                if (context.getParent() instanceof StandardHost host) {
                    for (Valve valve : host.getPipeline().getValves()) {
                        if (valve instanceof ErrorReportValve) {
                            host.getPipeline().removeValve(valve);
                        }
                    }
                    // Tomcat adds a valve of this class at start unless the host has one already.
                    host.setErrorReportValveClass(ProblemReportValve.class.getName());
                    host.getPipeline().addValve(new ProblemReportValve());
                }
            });
        }

        @Override
        public int getOrder() {
            return Ordered.LOWEST_PRECEDENCE;
        }
    }

    /**
     * Parses {@code 2026-03-01T12:00:00Z}; refuses text without an offset and years the ledger does not take. Query
     * times are only compared, so any precision is kept (the ledger's own event times carry nanoseconds).
     */
    static final class InstantParameterFormatter implements Formatter<Instant> {

        @Override
        public Instant parse(String text, Locale locale) throws ParseException {
            Instant instant;
            try {
                instant = OffsetDateTime.parse(text.strip()).toInstant();
            } catch (DateTimeParseException e) {
                throw new ParseException("expected an ISO-8601 date-time with offset", e.getErrorIndex());
            }
            if (!FieldRules.isInRange(instant)) {
                throw new ParseException(FieldRules.INSTANT_RANGE_MESSAGE, 0);
            }
            return instant;
        }

        @Override
        public String print(Instant instant, Locale locale) {
            return instant.toString();
        }
    }
}
