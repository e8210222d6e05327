package io.consentledger.app.profile;

import io.consentledger.api.Channel;
import io.consentledger.api.LedgerMetadata;
import io.consentledger.api.RejectionDetails;
import io.consentledger.api.consent.GrantConsent;
import io.consentledger.api.consent.StandingStatus;
import io.consentledger.api.source.BuiltInSources;
import io.consentledger.command.profile.LinkIssuer;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import java.util.Optional;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
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
            commands.sendAndWait(message(command, issuer));
            return true;
        } catch (RuntimeException e) {
            throwUnlessRefused(e);
            return false;
        }
    }

    /**
     * Sends the person's consent as {@link #send} does; returns whether the ledger counts it at once ({@code GRANTED})
     * or waits for the person's confirmation ({@code PENDING_CONFIRMATION}), or empty when it refused it.
     */
    Optional<StandingStatus> grant(GrantConsent command, LinkIssuer issuer) {
        try {
            return Optional.of(commands.sendAndWait(message(command, issuer)));
        } catch (RuntimeException e) {
            throwUnlessRefused(e);
            return Optional.empty();
        }
    }

    private static CommandMessage<?> message(Object command, LinkIssuer issuer) {
        return GenericCommandMessage.asCommandMessage(command)
                .andMetaData(DATA_SUBJECT)
                .andMetaData(issuer.metaData());
    }

    private static void throwUnlessRefused(RuntimeException e) {
        if (RejectionDetails.in(e).isEmpty()) {
            throw e;
        }
    }

    /** The link in the address is a credential: it must not leak to other sites or stay in caches. */
    static void noReferrerNoCache(HttpServletResponse response) {
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("Cache-Control", "no-store");
    }
}
