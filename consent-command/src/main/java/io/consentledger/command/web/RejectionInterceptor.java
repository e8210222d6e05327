package io.consentledger.command.web;

import io.consentledger.api.Rejection;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.stereotype.Component;

/**
 * Turns a {@link Rejection} thrown by a command handler into a {@link CommandExecutionException} whose details say
 * what was rejected, so the reason survives a distributed command bus as well as a local one.
 */
@Component
class RejectionInterceptor implements MessageHandlerInterceptor<CommandMessage<?>> {

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        try {
            return chain.proceed();
        } catch (Rejection rejection) {
            throw new CommandExecutionException(rejection.getMessage(), rejection, rejection.details());
        }
    }
}
