package io.consentledger.app.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.consentledger.api.RejectionDetails;
import io.consentledger.api.RejectionKind;
import io.consentledger.api.contact.RecordConfirmationEmailFailed;
import io.consentledger.api.contact.RecordConfirmationEmailSent;
import io.consentledger.command.contact.ConsentNotGranted;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.stream.Stream;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The command monitor's outcomes and email counters, on Micrometer's in-memory registry. */
class CommandMetricsTest {

    private final MeterRegistry registry = new SimpleMeterRegistry();
    private final CommandMetrics metrics = new CommandMetrics(registry);

    static Stream<Arguments> failures() {
        ConsentNotGranted rejection = new ConsentNotGranted("crm-1", "e-marketing");
        return Stream.of(
                Arguments.of(rejection, "consent-not-granted"),
                // As the rejection interceptor hands it on, and as it arrives across a distributed command bus.
                Arguments.of(
                        new CommandExecutionException(rejection.getMessage(), rejection, rejection.details()),
                        "consent-not-granted"),
                Arguments.of(
                        new CommandExecutionException(
                                "refused",
                                null,
                                new RejectionDetails(RejectionKind.PURPOSE_RETIRED, "Purpose is retired", null)),
                        "purpose-retired"),
                Arguments.of(new ConcurrencyException("appended first elsewhere"), "concurrent-modification"),
                Arguments.of(new AggregateStreamCreationException("exists"), "aggregate-already-exists"),
                Arguments.of(new AggregateNotFoundException("crm-1", "not found"), "aggregate-not-found"),
                Arguments.of(new IllegalStateException("a message that may quote crm-1"), "error"));
    }

    @ParameterizedTest
    @MethodSource("failures")
    void aFailedCommandIsTimedUnderItsOutcome(Throwable failure, String outcome) {
        metrics.onMessageIngested(GenericCommandMessage.asCommandMessage(sent()))
                .reportFailure(failure);

        assertThat(registry.get(CommandMetrics.COMMANDS)
                        .tag("command", "RecordConfirmationEmailSent")
                        .tag("outcome", outcome)
                        .timer()
                        .count())
                .isEqualTo(1);
        assertThat(registry.get(CommandMetrics.EMAILS_SENT).counter().count())
                .as("only a stored attempt counts")
                .isZero();
    }

    @Test
    void aRecordedEmailAttemptIsCountedByItsErrorKindAndAnUnknownKindAsError() {
        metrics.onMessageIngested(GenericCommandMessage.asCommandMessage(sent()))
                .reportSuccess();
        metrics.onMessageIngested(GenericCommandMessage.asCommandMessage(failed("connection")))
                .reportSuccess();
        metrics.onMessageIngested(GenericCommandMessage.asCommandMessage(failed("smtp said: ann@example.com unknown")))
                .reportSuccess();

        assertThat(registry.get(CommandMetrics.EMAILS_SENT).counter().count()).isEqualTo(1);
        assertThat(registry.get(CommandMetrics.EMAILS_FAILED)
                        .tag("error_kind", "connection")
                        .counter()
                        .count())
                .isEqualTo(1);
        assertThat(registry.get(CommandMetrics.EMAILS_FAILED)
                        .tag("error_kind", "error")
                        .counter()
                        .count())
                .isEqualTo(1);
        assertThat(registry.get(CommandMetrics.COMMANDS)
                        .tag("command", "RecordConfirmationEmailFailed")
                        .tag("outcome", "success")
                        .timer()
                        .count())
                .isEqualTo(2);
        assertThat(registry.getMeters())
                .flatMap(meter -> meter.getId().getTags())
                .noneMatch(tag -> tag.getValue().contains("@") || tag.getValue().contains("crm-"));
    }

    private static RecordConfirmationEmailSent sent() {
        return new RecordConfirmationEmailSent("crm-1", "request-1", 1);
    }

    private static RecordConfirmationEmailFailed failed(String errorKind) {
        return new RecordConfirmationEmailFailed("crm-1", "request-1", 1, errorKind, null);
    }
}
