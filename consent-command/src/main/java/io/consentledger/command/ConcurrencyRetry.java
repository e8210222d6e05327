package io.consentledger.command;

import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.annotation.Nonnull;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.RetryScheduler;
import org.axonframework.common.ExceptionUtils;
import org.axonframework.modelling.command.ConcurrencyException;

/**
 * Sends a command again, a few times and a little later, when it lost a race: another node (or a stale cached copy)
 * appended to the same aggregate first. Every other failure — a rejection, bad input, a fault — is final at once.
 */
final class ConcurrencyRetry implements RetryScheduler {

    private final ScheduledExecutorService executor;
    private final long intervalMillis;
    private final int maxRetries;

    ConcurrencyRetry(ScheduledExecutorService executor, long intervalMillis, int maxRetries) {
        this.executor = executor;
        this.intervalMillis = intervalMillis;
        this.maxRetries = maxRetries;
    }

    @Override
    public boolean scheduleRetry(
            @Nonnull CommandMessage commandMessage,
            @Nonnull RuntimeException lastFailure,
            @Nonnull List<Class<? extends Throwable>[]> failures,
            @Nonnull Runnable commandDispatch) {
        if (failures.size() > maxRetries
                || ExceptionUtils.findException(lastFailure, ConcurrencyException.class)
                        .isEmpty()) {
            return false;
        }
        executor.schedule(commandDispatch, intervalMillis * failures.size(), TimeUnit.MILLISECONDS);
        return true;
    }
}
