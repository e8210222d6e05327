package io.consentledger.query.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.consentledger.api.StreamIds;
import io.consentledger.api.consent.FindLegalBases;
import io.consentledger.api.consent.LegalBasis;
import io.consentledger.api.consent.LegalBasisNamed;
import io.consentledger.api.consent.LegalBasisTerms;
import io.consentledger.api.purpose.FindPurposeVersions;
import io.consentledger.api.purpose.FindPurposes;
import io.consentledger.api.purpose.PurposeDefined;
import io.consentledger.api.purpose.PurposeRetired;
import io.consentledger.api.purpose.PurposeRevised;
import io.consentledger.api.purpose.PurposeTerms;
import io.consentledger.api.purpose.PurposeVersion;
import io.consentledger.api.purpose.PurposeView;
import io.consentledger.api.source.FindSources;
import io.consentledger.api.source.SourceDefined;
import io.consentledger.api.source.SourceRetired;
import io.consentledger.api.source.SourceView;
import io.consentledger.query.Events;
import io.consentledger.query.ReadModelTest;
import java.time.Instant;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.DomainEventMessage;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

@ReadModelTest
@Import(CatalogProjection.class)
class CatalogProjectionTest {

    private static final Instant T0 = Instant.parse("2026-03-01T08:00:00Z");

    @Autowired
    CatalogProjection projection;

    private final Events events = new Events();
    private final List<DomainEventMessage<?>> stored = new ArrayList<>();

    private void catalog() {
        record(StreamIds.purpose("news"), new PurposeDefined("news", 1, terms("Newsletter", null)));
        record(StreamIds.purpose("news"), new PurposeRevised("news", 2, terms("Weekly newsletter", Period.ofYears(2))));
        record(StreamIds.purpose("fair"), new PurposeDefined("fair", 1, terms("Fair 2025", null)));
        record(StreamIds.purpose("fair"), new PurposeRetired("fair", 1, "over"));
        record(StreamIds.source("web-form"), new SourceDefined("web-form", "Web form", null, true, null));
        record(StreamIds.source("stand"), new SourceDefined("stand", "Stand", null, null, null));
        record(StreamIds.source("stand"), new SourceRetired("stand"));
        record(StreamIds.legalBasis(LegalBasis.CONTRACT), new LegalBasisNamed(LegalBasis.CONTRACT, "Agreement"));
        Events.project(stored, projection);
    }

    @Test
    void listsPurposesInTheirCurrentTermsAndRetiredOnesOnlyWhenAsked() {
        catalog();

        assertThat(projection.handle(new FindPurposes(false)))
                .extracting(PurposeView::purposeId, PurposeView::name, PurposeView::version)
                .containsExactly(tuple("news", "Weekly newsletter", 2));
        assertThat(projection.handle(new FindPurposes(true)))
                .extracting(PurposeView::purposeId, PurposeView::active)
                .containsExactly(tuple("fair", false), tuple("news", true));
        assertThat(projection.handle(new FindPurposeVersions("news")))
                .extracting(version -> version.terms().name(), PurposeVersion::version)
                .containsExactly(tuple("Newsletter", 1), tuple("Weekly newsletter", 2));
    }

    @Test
    void listsSourcesAndTheNamesOfTheLegalBases() {
        catalog();

        assertThat(projection.handle(new FindSources(false)))
                .extracting(SourceView::sourceId)
                .containsExactly("web-form");
        assertThat(projection.handle(new FindLegalBases()))
                .filteredOn(name -> name.code() == LegalBasis.CONTRACT)
                .extracting(LegalBasisTerms::name)
                .containsExactly("Agreement");
    }

    @Test
    void aRebuildStartsFromNothing() throws Exception {
        catalog();

        new AnnotationEventHandlerAdapter(projection).prepareReset();

        assertThat(projection.handle(new FindPurposes(true))).isEmpty();
        assertThat(projection.handle(new FindSources(true))).isEmpty();
        Events.project(stored, projection);
        assertThat(projection.handle(new FindPurposes(true))).hasSize(2);
    }

    private static PurposeTerms terms(String name, Period retention) {
        return new PurposeTerms(name, null, null, null, true, false, false, null, retention);
    }

    private void record(String stream, Object payload) {
        stored.add(events.stored(stream, payload, T0.plusSeconds(stored.size()), "admin"));
    }
}
