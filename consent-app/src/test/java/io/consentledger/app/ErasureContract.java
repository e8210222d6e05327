package io.consentledger.app;

import static io.consentledger.app.support.Api.ADMIN;
import static io.consentledger.app.support.Api.AUDITOR;
import static io.consentledger.app.support.Api.INTEGRATOR;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.consentledger.app.support.Api;
import io.consentledger.app.support.LedgerTest;
import io.consentledger.query.projection.ProjectionSync;
import io.consentledger.query.projection.ReadModels;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The right to erasure on an append-only store (GDPR Art. 17): personal data in events is stored encrypted with a key
 * per contact, and erasing the contact deletes the key, while the proof of consent stays.
 */
abstract class ErasureContract extends LedgerTest {

    private static final String NAME = "Zelda Quinterro";
    private static final String EMAIL = "zelda.quinterro@example.org";
    private static final String DETAIL = "Met Zelda at booth 17";
    private static final String IP = "198.51.100.23";
    private static final String AGENT = "ZeldaBrowser/9.1";
    private static final String REASON = "Zelda says the mails are too frequent";
    private static final String NOTE = "Order 8812 placed by Zelda";

    @Autowired
    private EventProcessingConfiguration processing;

    @Autowired
    private ProjectionSync sync;

    @Test
    void personalDataIsStoredEncryptedAndIsGoneForGoodAfterErasureWhileTheProofStays() {
        String contactId = recordEverything();
        List<String> secrets = List.of(NAME, EMAIL, DETAIL, IP, AGENT, REASON, NOTE);
        assertThat(rawEvents(contactId))
                .as("the raw event rows hold no readable personal data")
                .allSatisfy(row -> {
                    assertThat(row).doesNotContain(secrets);
                });
        assertThat(String.join("\n", rawEvents(contactId)))
                .contains("e-marketing")
                .contains("CONTRACT");
        JsonNode before =
                api.get(AUDITOR, "/api/v1/contacts/" + contactId + "?wait=true").json();
        assertThat(before.get("name").asText()).isEqualTo(NAME);
        assertThat(before.get("email").asText()).isEqualTo(EMAIL);

        assertThat(api.post(INTEGRATOR, "/api/v1/contacts/" + contactId + "/erasure", "")
                        .status())
                .isEqualTo(403);
        Api.Response erased = api.post(ADMIN, "/api/v1/contacts/" + contactId + "/erasure", "");
        assertThat(erased.status()).as(erased.body()).isEqualTo(200);
        assertThat(erased.json().get("status").asText()).isEqualTo("ERASED");
        assertThat(keys(contactId)).as("the contact's key is deleted").isZero();

        JsonNode after =
                api.get(AUDITOR, "/api/v1/contacts/" + contactId + "?wait=true").json();
        assertThat(after.get("name").isNull()).isTrue();
        assertThat(after.get("email").isNull()).isTrue();
        assertThat(after.get("erasedAt").asText()).isNotBlank();
        JsonNode check = consentCheck(contactId, "sales-and-service");
        assertThat(check.get("allowed").asBoolean()).isFalse();
        assertThat(check.get("status").asText()).isEqualTo("ERASED");

        String history = historyText(contactId);
        assertThat(history).doesNotContain(secrets);
        assertThat(changes(contactId, "CONTACT_ERASED"))
                .containsSubsequence(
                        "CONTACT_REGISTERED",
                        "CONSENT_GRANTED",
                        "CONSENT_WITHDRAWN",
                        "LEGAL_BASIS_DOCUMENTED",
                        "CONTACT_ERASED");
        JsonNode legalBasis = api.get(AUDITOR, "/api/v1/contacts/" + contactId + "/legal-basis?wait=true")
                .json();
        assertThat(legalBasis.toString())
                .contains("WITHDRAWN")
                .contains("CONTRACT")
                .contains("crm-sync");

        long events = eventsOf(contactId);
        assertThat(api.post(ADMIN, "/api/v1/contacts/" + contactId + "/erasure", "")
                        .status())
                .as("a second erasure changes nothing")
                .isEqualTo(200);
        assertThat(eventsOf(contactId)).isEqualTo(events);
        Api.Response again = api.post(INTEGRATOR, "/api/v1/contacts", """
                {"contactId":"%s","name":"Someone Else","email":"else@example.com","sourceId":"import"}""".formatted(contactId));
        assertThat(again.status()).isEqualTo(409);
        assertThat(keys(contactId))
                .as("the refused registration left no key behind")
                .isZero();
        Api.Response grant = api.post(
                INTEGRATOR,
                "/api/v1/contacts/" + contactId + "/consents",
                "{\"purposeId\":\"e-marketing\",\"sourceId\":\"web-form\"}");
        assertThat(grant.status()).isEqualTo(409);
        assertThat(grant.json().get("type").asText()).isEqualTo("urn:consent-ledger:problem:contact-erased");
        assertThat(eventsOf(contactId)).isEqualTo(events);
    }

    @Test
    void replayingAfterAnErasureRebuildsTheSameErasedViews() {
        String contactId = recordEverything();
        assertThat(api.post(ADMIN, "/api/v1/contacts/" + contactId + "/erasure", "")
                        .status())
                .isEqualTo(200);
        changes(contactId, "CONTACT_ERASED");
        List<Map<String, Object>> contact = rows("SELECT * FROM contact_view WHERE contact_id = ?", contactId);
        List<Map<String, Object>> history =
                rows("SELECT * FROM contact_history WHERE contact_id = ? ORDER BY seq", contactId);

        for (String group : List.of(ReadModels.LEGAL_BASIS, ReadModels.HISTORY)) {
            StreamingEventProcessor processor = processing
                    .eventProcessor(group, StreamingEventProcessor.class)
                    .orElseThrow();
            processor.shutDown();
            processor.resetTokens();
            processor.start();
            sync.awaitCaughtUp(group);
        }

        assertThat(rows("SELECT * FROM contact_view WHERE contact_id = ?", contactId))
                .isEqualTo(contact);
        assertThat(rows("SELECT * FROM contact_history WHERE contact_id = ? ORDER BY seq", contactId))
                .isEqualTo(history);
        assertThat(contact.get(0).get("name")).isNull();
    }

    /** A contact with personal data in every kind of event that can hold it. */
    private String recordEverything() {
        String contactId = uniqueId("erase");
        Api.Response registered =
                api.post(INTEGRATOR, "/api/v1/contacts", """
                {"contactId":"%s","name":"%s","email":"%s","sourceId":"import","sourceDetail":"%s"}""".formatted(contactId, NAME, EMAIL, DETAIL));
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
        Api.Response granted =
                api.post(INTEGRATOR, "/api/v1/contacts/" + contactId + "/consents", """
                {"purposeId":"e-marketing","sourceId":"web-form","sourceDetail":"%s",
                 "evidence":{"text":"Yes, send me offers.","ipAddress":"%s","userAgent":"%s"}}""".formatted(DETAIL, IP, AGENT));
        assertThat(granted.status()).as(granted.body()).isEqualTo(201);
        Api.Response withdrawn = api.post(
                INTEGRATOR,
                "/api/v1/contacts/" + contactId + "/consents/e-marketing/withdrawal",
                "{\"sourceId\":\"email\",\"reason\":\"" + REASON + "\"}");
        assertThat(withdrawn.status()).as(withdrawn.body()).isEqualTo(200);
        Api.Response documented =
                api.post(INTEGRATOR, "/api/v1/contacts/" + contactId + "/legal-bases", """
                {"purposeId":"sales-and-service","legalBasis":"CONTRACT","sourceId":"email","note":"%s"}""".formatted(NOTE));
        assertThat(documented.status()).as(documented.body()).isEqualTo(201);
        return contactId;
    }

    /** The stored payloads of the contact's events, as text. */
    private List<String> rawEvents(String contactId) {
        return jdbc.sql("SELECT payload FROM DomainEventEntry WHERE aggregateIdentifier = ? ORDER BY sequenceNumber")
                .param(contactId)
                .query((rs, row) -> new String(rs.getBytes("payload"), StandardCharsets.UTF_8))
                .list();
    }

    private long keys(String contactId) {
        return jdbc.sql("SELECT COUNT(*) FROM contact_key WHERE contact_id = ?")
                .param(contactId)
                .query(Long.class)
                .single();
    }

    private String historyText(String contactId) {
        return api.get(AUDITOR, "/api/v1/contacts/" + contactId + "/history?size=500&wait=true")
                .body();
    }

    private List<Map<String, Object>> rows(String sql, String contactId) {
        return jdbc.sql(sql).param(contactId).query().listOfRows();
    }
}
