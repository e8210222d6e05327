package io.consentledger.query.web;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.stereotype.Component;

/** Sends queries through Axon's query gateway and waits for the answer, unwrapping the future's exception. */
@Component
public class Queries {

    private final QueryGateway queryGateway;
    private final ProjectionSync sync;

    Queries(QueryGateway queryGateway, ProjectionSync sync) {
        this.queryGateway = queryGateway;
        this.sync = sync;
    }

    /** Waits for the projections first when {@code wait} is set, so that the caller reads its own writes. */
    public Queries after(boolean wait, String... processingGroups) {
        if (wait) {
            for (String processingGroup : processingGroups) {
                sync.awaitCaughtUp(processingGroup);
            }
        }
        return this;
    }

    public <R> Optional<R> one(Object query, Class<R> type) {
        return join(queryGateway.query(query, ResponseTypes.optionalInstanceOf(type)));
    }

    public <R> List<R> many(Object query, Class<R> type) {
        return join(queryGateway.query(query, ResponseTypes.multipleInstancesOf(type)));
    }

    private static <T> T join(java.util.concurrent.CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }
}
