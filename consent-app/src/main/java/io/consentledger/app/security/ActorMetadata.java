package io.consentledger.app.security;

import io.consentledger.api.Channel;
import io.consentledger.api.LedgerMetadata;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * Puts the authenticated principal and its roles on every command as it is sent, overriding whatever the caller put
 * there; events inherit them by correlation. A command sent by the server itself (no principal) keeps the actor it
 * was given, and the channel defaults to {@code api}.
 */
@Component
class ActorMetadata implements MessageDispatchInterceptor<CommandMessage<?>> {

    @Override
    public BiFunction<Integer, CommandMessage<?>, CommandMessage<?>> handle(
            List<? extends CommandMessage<?>> messages) {
        return (index, command) -> {
            Map<String, Object> metaData = new HashMap<>();
            Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
            if (authentication != null
                    && authentication.isAuthenticated()
                    && !(authentication instanceof AnonymousAuthenticationToken)) {
                metaData.put(LedgerMetadata.ACTOR, authentication.getName());
                metaData.put(LedgerMetadata.ACTOR_ROLE, Role.codesOf(authentication));
            }
            if (!command.getMetaData().containsKey(LedgerMetadata.CHANNEL)) {
                metaData.put(LedgerMetadata.CHANNEL, Channel.API.code());
            }
            return command.andMetaData(metaData);
        };
    }
}
