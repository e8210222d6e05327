package io.consentledger.command.legalbasis;

import static io.consentledger.api.FieldRules.NAME_MAX;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.consentledger.api.StreamIds;
import io.consentledger.api.consent.LegalBasisNamed;
import io.consentledger.api.consent.NameLegalBasis;
import io.consentledger.command.InvalidCommand;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * The display name of one legal basis (stream {@code legal-basis/<CODE>}). It starts as the standard name; naming it
 * what it is already called records nothing.
 */
@Aggregate(commandTargetResolver = "legalBasisTargetResolver")
class LegalBasisNaming {

    @AggregateIdentifier
    private String streamId;

    private String name;

    LegalBasisNaming() {
        // for Axon's event sourcing, and for the first naming
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(NameLegalBasis command) {
        String wanted = command.name() == null ? "" : command.name().strip();
        if (wanted.isEmpty() || wanted.length() > NAME_MAX) {
            throw new InvalidCommand("name", "must be 1-%d characters".formatted(NAME_MAX));
        }
        streamId = StreamIds.legalBasis(command.legalBasis());
        String current = name == null ? command.legalBasis().displayName() : name;
        if (!current.equals(wanted)) {
            apply(new LegalBasisNamed(command.legalBasis(), wanted));
        }
    }

    @EventSourcingHandler
    void on(LegalBasisNamed event) {
        streamId = StreamIds.legalBasis(event.legalBasis());
        name = event.name();
    }
}
