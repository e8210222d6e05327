package io.consentledger.command.source;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.consentledger.api.StreamIds;
import io.consentledger.api.source.BuiltInSources;
import io.consentledger.api.source.DefineSource;
import io.consentledger.api.source.RetireSource;
import io.consentledger.api.source.SourceDefined;
import io.consentledger.api.source.SourceRetired;
import io.consentledger.command.InvalidCommand;
import io.consentledger.command.catalog.SourceIsRetired;
import io.consentledger.command.confirmation.MailTemplates;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/** A source personal data can come from, until it is retired. */
@Aggregate(commandTargetResolver = "sourceTargetResolver")
class Source {

    @AggregateIdentifier
    private String streamId;

    private String sourceId;

    private boolean retired;

    Source() {
        // for Axon's event sourcing
    }

    @CommandHandler
    Source(DefineSource command, MailTemplates templates) {
        String template = command.confirmationTemplate();
        if (template != null && (template.equals(MailTemplates.CONFIRM_CONSENT) || !templates.exists(template))) {
            throw new InvalidCommand(
                    "confirmationTemplate",
                    "There is no confirmation email template '%s' (files %s.html, %s.txt and %s-subject)."
                            .formatted(template, template, template, template));
        }
        apply(new SourceDefined(
                command.sourceId(), command.name(), command.description(), command.sendConfirmation(), template));
    }

    @CommandHandler
    void handle(RetireSource command) {
        if (BuiltInSources.isBuiltIn(sourceId)) {
            throw new SourceIsBuiltIn(sourceId);
        }
        if (retired) {
            throw new SourceIsRetired(sourceId);
        }
        apply(new SourceRetired(sourceId));
    }

    @EventSourcingHandler
    void on(SourceDefined event) {
        streamId = StreamIds.source(event.sourceId());
        sourceId = event.sourceId();
    }

    @EventSourcingHandler
    void on(SourceRetired event) {
        retired = true;
    }
}
