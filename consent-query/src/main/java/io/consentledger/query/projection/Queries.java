package io.consentledger.query.projection;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Sends queries through Axon's query gateway and waits for the answer, unwrapping the future's exception. A fresh
 * read ({@link #fresh()}) first waits until the read model that answers the query (see {@link ReadModels}) has
 * processed every event stored when the read began, so that the caller reads its own writes.
 */
@Component
public class Queries {

    private final QueryGateway queryGateway;
    private final ProjectionSync sync;
    private final boolean fresh;

    @Autowired
    Queries(QueryGateway queryGateway, ProjectionSync sync) {
        this(queryGateway, sync, false);
    }

    private Queries(QueryGateway queryGateway, ProjectionSync sync, boolean fresh) {
        this.queryGateway = queryGateway;
        this.sync = sync;
        this.fresh = fresh;
    }

    /** Reads that see every event stored before each of them was sent. */
    public Queries fresh() {
        return fresh ? this : new Queries(queryGateway, sync, true);
    }

    /** Fresh reads when {@code wait} is set (a request's {@code wait=true}), else reads of the views as they are. */
    public Queries fresh(boolean wait) {
        return wait ? fresh() : this;
    }

    public <R> Optional<R> one(Object query, Class<R> type) {
        awaitFor(query);
        return join(queryGateway.query(query, ResponseTypes.optionalInstanceOf(type)));
    }

    public <R> List<R> many(Object query, Class<R> type) {
        awaitFor(query);
        return join(queryGateway.query(query, ResponseTypes.multipleInstancesOf(type)));
    }

    private void awaitFor(Object query) {
        if (fresh) {
            sync.awaitCaughtUp(ReadModels.answering(query.getClass()));
        }
    }

    private static <T> T join(CompletableFuture<T> future) {
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
