package io.consentledger.api;

import java.util.Optional;
import org.axonframework.messaging.HandlerExecutionException;

/**
 * What travels with a rejected command across the command bus: the kind, a human-readable detail and,
 * where one field of the request is to blame, its name.
 */
public record RejectionDetails(RejectionKind kind, String detail, String field) {

    /**
     * The ledger's rejection within a failure, however Axon delivered it: the {@link Rejection} itself, wrapped in
     * other exceptions, or only as the details of a {@link HandlerExecutionException} (a command or query execution
     * exception that crossed a distributed bus without its cause); empty when the failure is no rejection.
     */
    public static Optional<RejectionDetails> in(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof Rejection rejection) {
                return Optional.of(rejection.details());
            }
            if (cause instanceof HandlerExecutionException execution
                    && execution.getDetails().orElse(null) instanceof RejectionDetails details) {
                return Optional.of(details);
            }
        }
        return Optional.empty();
    }
}
