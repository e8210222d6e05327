package io.consentledger.app.ui;

import io.consentledger.api.Channel;
import io.consentledger.api.LedgerMetadata;
import io.consentledger.api.RejectionDetails;
import java.util.Map;
import java.util.Optional;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Component;

/**
 * Sends a back-office user's command on channel {@code ui} (the actor is the signed-in user, set on every command)
 * and turns a refusal into the ledger's own readable explanation.
 */
@Component
class UiCommands {

    private static final Map<String, Object> UI = Map.of(LedgerMetadata.CHANNEL, Channel.UI.code());

    private final CommandGateway commands;

    UiCommands(CommandGateway commands) {
        this.commands = commands;
    }

    /** Empty when stored; otherwise why the ledger refused it. Any other failure is thrown. */
    Optional<String> send(Object command) {
        try {
            commands.sendAndWait(GenericCommandMessage.asCommandMessage(command).andMetaData(UI));
            return Optional.empty();
        } catch (RuntimeException e) {
            Optional<RejectionDetails> rejection = RejectionDetails.in(e);
            if (rejection.isPresent()) {
                return Optional.of(rejection.get().detail());
            }
            throw e;
        }
    }
}
