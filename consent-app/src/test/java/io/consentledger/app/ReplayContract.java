package io.consentledger.app;

import static io.consentledger.app.support.Api.ADMIN;
import static io.consentledger.app.support.Api.INTEGRATOR;
import static org.assertj.core.api.Assertions.assertThat;

import io.consentledger.app.support.LedgerTest;
import io.consentledger.query.projection.ProjectionSync;
import io.consentledger.query.projection.ReadModels;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Projections are disposable: replaying the event store rebuilds exactly the tables the live processors built. */
abstract class ReplayContract extends LedgerTest {

    private static final Map<String, List<String>> TABLES = Map.of(
            ReadModels.CATALOG,
            List.of(
                    "SELECT * FROM purpose_view ORDER BY purpose_id",
                    "SELECT * FROM purpose_version_view ORDER BY purpose_id, version",
                    "SELECT * FROM source_view ORDER BY source_id"),
            ReadModels.LEGAL_BASIS,
            List.of(
                    "SELECT * FROM contact_view ORDER BY contact_id",
                    "SELECT * FROM contact_basis ORDER BY contact_id, purpose_id"),
            ReadModels.HISTORY,
            List.of("SELECT * FROM contact_history ORDER BY contact_id, seq"),
            ReadModels.CHANGE_FEED,
            List.of("SELECT * FROM change_feed ORDER BY event_position"));

    @Autowired
    private EventProcessingConfiguration processing;

    @Autowired
    private ProjectionSync sync;

    @Test
    void rebuildsEveryProjectionFromTheEventStoreToTheSameTables() {
        String purposeId = uniqueId("p");
        assertThat(api.post(
                                ADMIN,
                                "/api/v1/purposes",
                                "{\"purposeId\":\"" + purposeId
                                        + "\",\"name\":\"Surveys\",\"defaultLegalBasis\":\"LEGITIMATE_INTERESTS\"}")
                        .status())
                .isEqualTo(201);
        assertThat(api.put(
                                ADMIN,
                                "/api/v1/purposes/" + purposeId,
                                "{\"name\":\"Customer surveys\",\"defaultLegalBasis\":\"LEGITIMATE_INTERESTS\"}")
                        .status())
                .isEqualTo(200);
        for (int i = 0; i < 5; i++) {
            String contactId = registerContact(uniqueId("replay"));
            assertThat(api.post(
                                    INTEGRATOR,
                                    "/api/v1/contacts/" + contactId + "/consents",
                                    "{\"purposeId\":\"e-marketing\",\"sourceId\":\"web-form\",\"validUntil\":\"2099-01-01T00:00:00Z\"}")
                            .status())
                    .isEqualTo(201);
            if (i % 2 == 0) {
                assertThat(api.post(
                                        INTEGRATOR,
                                        "/api/v1/contacts/" + contactId + "/consents/e-marketing/withdrawal",
                                        "{\"sourceId\":\"email\",\"reason\":\"No thanks\"}")
                                .status())
                        .isEqualTo(200);
            }
            assertThat(api.post(
                                    INTEGRATOR,
                                    "/api/v1/contacts/" + contactId + "/legal-bases/" + purposeId + "/end",
                                    "{\"reason\":\"Objected\"}")
                            .status())
                    .isEqualTo(200);
        }
        assertThat(api.post(ADMIN, "/api/v1/purposes/" + purposeId + "/retire", "{}")
                        .status())
                .isEqualTo(200);

        for (String group : TABLES.keySet()) {
            sync.awaitCaughtUp(group);
        }
        Map<String, List<Map<String, Object>>> live = snapshot();
        assertThat(live.get("SELECT * FROM contact_history ORDER BY contact_id, seq"))
                .hasSizeGreaterThan(20);

        List<StreamingEventProcessor> processors = TABLES.keySet().stream()
                .map(group -> processing
                        .eventProcessor(group, StreamingEventProcessor.class)
                        .orElseThrow())
                .toList();
        for (StreamingEventProcessor processor : processors) {
            processor.shutDown();
            processor.resetTokens();
        }
        assertThat(snapshot().values()).allSatisfy(rows -> assertThat(rows).isEmpty());
        processors.forEach(StreamingEventProcessor::start);
        for (String group : TABLES.keySet()) {
            sync.awaitCaughtUp(group);
        }

        assertThat(snapshot()).isEqualTo(live);
    }

    private Map<String, List<Map<String, Object>>> snapshot() {
        Map<String, List<Map<String, Object>>> tables = new LinkedHashMap<>();
        TABLES.values().stream()
                .flatMap(List::stream)
                .forEach(sql -> tables.put(sql, jdbc.sql(sql).query().listOfRows()));
        return tables;
    }
}
