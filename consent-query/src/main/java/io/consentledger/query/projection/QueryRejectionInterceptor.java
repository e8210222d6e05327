package io.consentledger.query.projection;

import io.consentledger.api.Rejection;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.queryhandling.QueryExecutionException;
import org.axonframework.queryhandling.QueryMessage;
import org.springframework.stereotype.Component;

/** Carries a {@link Rejection} from a query handler as details that survive a distributed query bus. */
@Component
class QueryRejectionInterceptor implements MessageHandlerInterceptor<QueryMessage<?, ?>> {

    @Override
    public Object handle(UnitOfWork<? extends QueryMessage<?, ?>> unitOfWork, InterceptorChain chain) throws Exception {
        try {
            return chain.proceed();
        } catch (Rejection rejection) {
            throw new QueryExecutionException(rejection.getMessage(), rejection, rejection.details());
        }
    }
}
