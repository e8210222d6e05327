package io.consentledger.command;

import io.consentledger.api.LedgerMetadata;
import io.consentledger.api.consent.LegalBasis;
import io.consentledger.api.purpose.DefinePurpose;
import io.consentledger.api.purpose.PurposeTerms;
import io.consentledger.api.source.BuiltInSources;
import io.consentledger.api.source.DefineSource;
import io.consentledger.command.catalog.Catalog;
import java.time.Period;
import java.util.List;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Defines the product's standard purposes and sources on the first start. Each is defined once, through the same
 * commands an admin uses, and is then editable like any other; a seed an admin retired is never defined again.
 */
@Component
class CatalogSeeds implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(CatalogSeeds.class);

    static final List<DefineSource> SOURCES = List.of(
            new DefineSource(
                    "business-card", "Business card", "Details from a business card, e.g. after a meeting", true, null),
            new DefineSource("email", "Email", "Details the person sent by email", true, null),
            new DefineSource("chat", "Chat", "Details the person gave in a chat", true, null),
            new DefineSource("web-form", "Web form", "Details the person entered in a form on our website", true, null),
            new DefineSource("phone", "Phone", "Details the person gave on the phone", true, null),
            new DefineSource("import", "Import", "Details imported in bulk from another system", false, null),
            new DefineSource(
                    BuiltInSources.PROFILE_PAGE,
                    "Profile page",
                    "The person's own changes on their personal profile page",
                    false,
                    null));

    static final List<DefinePurpose> PURPOSES = List.of(
            new DefinePurpose(
                    "sales-and-service",
                    new PurposeTerms(
                            "Sales and service",
                            "Selling to and serving the contact: offers, orders, support and account management.",
                            null,
                            null,
                            false,
                            false,
                            false,
                            LegalBasis.LEGITIMATE_INTERESTS,
                            Period.ofYears(2))),
            new DefinePurpose(
                    "e-marketing",
                    new PurposeTerms(
                            "E-marketing",
                            "Sending marketing email: newsletters, offers and invitations.",
                            "Yes, I would like to receive news and offers by email. I can unsubscribe at any time.",
                            null,
                            true,
                            true,
                            false,
                            null,
                            Period.ofYears(2))));

    private final Catalog catalog;
    private final CommandGateway commandGateway;

    CatalogSeeds(Catalog catalog, CommandGateway commandGateway) {
        this.catalog = catalog;
        this.commandGateway = commandGateway;
    }

    @Override
    public void run(ApplicationArguments args) {
        long sources = SOURCES.stream()
                .filter(source -> catalog.source(source.sourceId()).isEmpty())
                .filter(this::define)
                .count();
        long purposes = PURPOSES.stream()
                .filter(purpose -> catalog.purpose(purpose.purposeId()).isEmpty())
                .filter(this::define)
                .count();
        if (sources + purposes > 0) {
            log.info("Seeded the catalog: {} sources, {} purposes", sources, purposes);
        }
    }

    /** Defines a seed; false when another node defined it first. */
    private boolean define(Object command) {
        try {
            commandGateway.sendAndWait(
                    GenericCommandMessage.asCommandMessage(command).andMetaData(LedgerMetadata.SYSTEM));
            return true;
        } catch (AggregateStreamCreationException e) {
            return false;
        }
    }
}
