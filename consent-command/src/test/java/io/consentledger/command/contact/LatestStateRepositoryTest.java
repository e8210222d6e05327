package io.consentledger.command.contact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.consentledger.api.consent.ConfirmBy;
import io.consentledger.api.consent.ConsentGranted;
import io.consentledger.api.consent.ConsentWithdrawn;
import io.consentledger.api.consent.GrantConsent;
import io.consentledger.api.consent.LegalBasis;
import io.consentledger.api.consent.WithdrawConsent;
import io.consentledger.api.contact.RegisterContact;
import io.consentledger.command.LatestStateRepository;
import io.consentledger.command.RecordTargetResolver;
import io.consentledger.command.catalog.InMemoryCatalog;
import io.consentledger.command.catalog.PurposeRules;
import io.consentledger.command.catalog.SourceRules;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import javax.annotation.Nonnull;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.WeakReferenceCache;
import org.axonframework.deadline.GenericDeadlineMessage;
import org.axonframework.deadline.SimpleDeadlineManager;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.CachingEventSourcingRepository;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.annotation.ClasspathParameterResolverFactory;
import org.axonframework.messaging.annotation.MultiParameterResolverFactory;
import org.axonframework.messaging.annotation.ParameterResolverFactory;
import org.axonframework.messaging.annotation.SimpleResourceParameterResolverFactory;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.modelling.command.AggregateAnnotationCommandHandler;
import org.axonframework.modelling.command.AggregateScopeDescriptor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two nodes, each with its own aggregate cache, sharing one event store: every command and deadline is decided on the
 * stream's latest state, whichever node appended to it last.
 */
class LatestStateRepositoryTest {

    private static final String CONTACT = "c-1";
    private static final String MARKETING = "e-marketing";

    /** Records which sequence numbers the nodes read a contact's stream from. */
    private final List<Long> readsFrom = new CopyOnWriteArrayList<>();

    private final EmbeddedEventStore store = EmbeddedEventStore.builder()
            .storageEngine(new InMemoryEventStorageEngine() {
                @Override
                public DomainEventStream readEvents(@Nonnull String aggregateIdentifier, long firstSequenceNumber) {
                    readsFrom.add(firstSequenceNumber);
                    return super.readEvents(aggregateIdentifier, firstSequenceNumber);
                }
            })
            .build();

    private final Clock clock = Clock.fixed(Instant.parse("2026-03-01T12:00:00Z"), ZoneOffset.UTC);
    private final SimpleDeadlineManager deadlines = SimpleDeadlineManager.builder()
            .scopeAwareProvider(scope -> Stream.empty())
            .build();
    /** An erasure journal that holds no contact: these tests erase nobody. */
    private static final ErasureJournal NO_ERASURES = new ErasureJournal() {
        @Override
        public void recordErased(String contactId) {
            throw new UnsupportedOperationException("Aggregates never write the journal");
        }

        @Override
        public boolean holds(String contactId) {
            return false;
        }
    };

    private final ParameterResolverFactory resources = MultiParameterResolverFactory.ordered(
            ClasspathParameterResolverFactory.forClass(ContactLedger.class),
            new SimpleResourceParameterResolverFactory(Set.of(
                    new InMemoryCatalog()
                            .purpose(new PurposeRules(MARKETING, "E-marketing", 1, true, true, false, false, null))
                            .purpose(new PurposeRules(
                                    "sales-and-service",
                                    "Sales and service",
                                    1,
                                    true,
                                    false,
                                    false,
                                    false,
                                    LegalBasis.LEGITIMATE_INTERESTS))
                            .source(new SourceRules("import", "Import", true, false, null))
                            .source(new SourceRules("web-form", "Web form", true, false, null))
                            .source(new SourceRules("email", "Email", true, false, null)),
                    clock,
                    deadlines,
                    new DoubleOptInSettings(Duration.ofDays(7)),
                    NO_ERASURES)));

    @AfterEach
    void shutDown() {
        deadlines.shutdown();
        store.shutDown();
    }

    @Test
    void aWithdrawalOnOneNodeSeesTheGrantAnotherNodeRecordedAfterItCachedTheContact() {
        Node a = node(LatestStateRepository.builder(ContactLedger.class));
        Node b = node(LatestStateRepository.builder(ContactLedger.class));
        a.commands.sendAndWait(register());
        a.commands.sendAndWait(grant());
        a.commands.sendAndWait(withdraw("first"));

        b.commands.sendAndWait(grant());
        a.commands.sendAndWait(withdraw("second"));

        assertThat(payloads())
                .map(Object::getClass)
                .endsWith(ConsentGranted.class, ConsentWithdrawn.class, ConsentGranted.class, ConsentWithdrawn.class);
        assertThat(sequenceNumbers()).doesNotHaveDuplicates().isSorted();
    }

    @Test
    void axonsOwnCachingRepositoryWouldDecideOnTheStaleCopy() {
        Node a = node(EventSourcingRepository.builder(ContactLedger.class));
        Node b = node(LatestStateRepository.builder(ContactLedger.class));
        a.commands.sendAndWait(register());
        a.commands.sendAndWait(grant());
        a.commands.sendAndWait(withdraw("first"));
        b.commands.sendAndWait(grant());

        assertThatThrownBy(() -> a.commands.sendAndWait(withdraw("second"))).isInstanceOf(ConsentNotGranted.class);
    }

    @Test
    void aCachedContactNobodyElseChangedCostsOneReadOfItsNewerEventsNotAReplay() {
        Node a = node(LatestStateRepository.builder(ContactLedger.class));
        a.commands.sendAndWait(register());
        a.commands.sendAndWait(grant());
        List<Long> stored = sequenceNumbers();
        long version = stored.get(stored.size() - 1);
        readsFrom.clear();

        a.commands.sendAndWait(withdraw("once"));

        assertThat(readsFrom).containsExactly(version + 1);
    }

    @Test
    void aDeadlineOnTheAggregateIsHandledOnItsLatestState() throws Exception {
        Node a = node(LatestStateRepository.builder(ContactLedger.class));
        Node b = node(LatestStateRepository.builder(ContactLedger.class));
        a.commands.sendAndWait(register());
        a.commands.sendAndWait(
                new GrantConsent(CONTACT, MARKETING, "web-form", null, null, null, null, ConfirmBy.EMAIL));
        // Node b withdraws the consent that waits for confirmation; node a's cached copy still has it pending.
        b.commands.sendAndWait(withdraw("before confirming"));
        int stored = payloads().size();

        DefaultUnitOfWork.startAndGet(null).executeWithResult(() -> {
            a.repository.send(
                    new GenericDeadlineMessage<>(
                            ContactLedger.LAPSE, new ContactLedger.LapseDue(MARKETING, "consent-1")),
                    new AggregateScopeDescriptor(ContactLedger.class.getSimpleName(), CONTACT));
            return null;
        });

        assertThat(payloads()).hasSize(stored);
    }

    /** One node: its own cache, repository and command bus, on the shared event store. */
    private record Node(EventSourcingRepository<ContactLedger> repository, CommandGateway commands) {}

    private Node node(EventSourcingRepository.Builder<ContactLedger> builder) {
        Cache cache = new WeakReferenceCache();
        EventSourcingRepository<ContactLedger> repository = builder.parameterResolverFactory(resources)
                .eventStore(store)
                .cache(cache)
                .build();
        assertThat(repository).isInstanceOf(CachingEventSourcingRepository.class);
        SimpleCommandBus bus = SimpleCommandBus.builder().build();
        AggregateAnnotationCommandHandler.<ContactLedger>builder()
                .aggregateType(ContactLedger.class)
                .repository(repository)
                .parameterResolverFactory(resources)
                .commandTargetResolver(new RecordTargetResolver(""))
                .build()
                .subscribe(bus);
        return new Node(
                repository, DefaultCommandGateway.builder().commandBus(bus).build());
    }

    private static RegisterContact register() {
        return new RegisterContact(CONTACT, "Ann Smith", "ann@example.com", "import", null, "en");
    }

    private static GrantConsent grant() {
        return new GrantConsent(CONTACT, MARKETING, "web-form", null, null, null, null, null);
    }

    private static WithdrawConsent withdraw(String reason) {
        return new WithdrawConsent(CONTACT, MARKETING, "email", reason);
    }

    private List<Object> payloads() {
        List<Object> payloads = new ArrayList<>();
        store.readEvents(CONTACT).asStream().forEach(event -> payloads.add(event.getPayload()));
        return payloads;
    }

    private List<Long> sequenceNumbers() {
        return store.readEvents(CONTACT)
                .asStream()
                .map(DomainEventMessage::getSequenceNumber)
                .toList();
    }
}
