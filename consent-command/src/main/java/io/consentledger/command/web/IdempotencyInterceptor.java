package io.consentledger.command.web;

import java.time.Clock;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.stereotype.Component;

/**
 * Stores the response of a command sent with an idempotency key in the same transaction as its events, so that a
 * response is on record exactly when the events are.
 */
@Component
class IdempotencyInterceptor implements MessageHandlerInterceptor<CommandMessage<?>> {

    static final String PRINCIPAL = "idempotency.principal";
    static final String KEY = "idempotency.key";
    static final String HASH = "idempotency.hash";
    static final String STATUS = "idempotency.status";
    static final String LOCATION = "idempotency.location";
    static final String BODY = "idempotency.body";

    private final IdempotencyStore store;
    private final Clock clock;

    IdempotencyInterceptor(IdempotencyStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        MetaData metaData = unitOfWork.getMessage().getMetaData();
        Object key = metaData.get(KEY);
        Object result = chain.proceed();
        if (key != null) {
            StoredResponse response = new StoredResponse(
                    (String) metaData.get(HASH),
                    Integer.parseInt(String.valueOf(metaData.get(STATUS))),
                    (String) metaData.get(LOCATION),
                    (String) metaData.get(BODY));
            unitOfWork.onPrepareCommit(
                    u -> store.record((String) metaData.get(PRINCIPAL), (String) key, response, clock.instant()));
        }
        return result;
    }
}
