package io.consentledger.app.profile;

import io.consentledger.api.Channel;
import io.consentledger.api.LedgerMetadata;
import io.consentledger.api.Rejection;
import io.consentledger.api.RejectionDetails;
import io.consentledger.api.source.BuiltInSources;
import io.consentledger.command.profile.LinkIssuer;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.ExceptionUtils;
import org.springframework.stereotype.Component;

/**
 * What the pages behind profile and confirmation links share: commands sent with the data subject as actor, channel
 * {@code self-service} and who the link is from, and the headers that keep the link from leaking.
 */
@Component
class SelfService {

    static final String SOURCE = BuiltInSources.PROFILE_PAGE;
    private static final Map<String, Object> DATA_SUBJECT = Map.of(
            LedgerMetadata.ACTOR, "data-subject",
            LedgerMetadata.ACTOR_ROLE, "DATA_SUBJECT",
            LedgerMetadata.CHANNEL, Channel.SELF_SERVICE.code());

    private final CommandGateway commands;

    SelfService(CommandGateway commands) {
        this.commands = commands;
    }

    /**
     * Sends the person's command, naming who the link it came through is from, and waits until it is stored. Returns
     * false when the ledger refused it (the choice is no longer possible, e.g. from a stale page); any other failure is
     * thrown.
     */
    boolean send(Object command, LinkIssuer issuer) {
        try {
            commands.sendAndWait(GenericCommandMessage.asCommandMessage(command)
                    .andMetaData(DATA_SUBJECT)
                    .andMetaData(issuer.metaData()));
            return true;
        } catch (RuntimeException e) {
            boolean rejected = ExceptionUtils.findException(e, Rejection.class).isPresent()
                    || (e instanceof CommandExecutionException failed
                            && failed.getDetails()
                                    .filter(RejectionDetails.class::isInstance)
                                    .isPresent());
            if (!rejected) {
                throw e;
            }
            return false;
        }
    }

    /** The link in the address is a credential: it must not leak to other sites or stay in caches. */
    static void noReferrerNoCache(HttpServletResponse response) {
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("Cache-Control", "no-store");
    }
}
