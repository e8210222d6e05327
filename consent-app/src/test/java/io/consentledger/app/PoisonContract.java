package io.consentledger.app;

import static io.consentledger.app.support.Api.ADMIN;
import static io.consentledger.app.support.Api.AUDITOR;
import static io.consentledger.app.support.Api.INTEGRATOR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.consentledger.api.Channel;
import io.consentledger.api.LedgerMetadata;
import io.consentledger.api.StreamIds;
import io.consentledger.api.consent.ConsentGranted;
import io.consentledger.api.contact.ContactRegistered;
import io.consentledger.api.purpose.DefinePurpose;
import io.consentledger.api.purpose.PurposeTerms;
import io.consentledger.app.support.Api;
import io.consentledger.app.support.FormClient;
import io.consentledger.app.support.LedgerTest;
import io.consentledger.query.projection.ProjectionSync;
import io.consentledger.query.projection.ReadModels;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Values a table cannot hold never stop or corrupt a projection: the event goes to the projection's dead-letter queue,
 * holds back only its own contact, and is processed again by a retry once the cause is gone. Where a table is written
 * in the command's own transaction, such a value fails the command and nothing is stored.
 */
abstract class PoisonContract extends LedgerTest {

    private static final List<String> CONTACT_TABLES = List.of(
            "SELECT * FROM contact_view ORDER BY contact_id",
            "SELECT * FROM contact_basis ORDER BY contact_id, purpose_id",
            "SELECT * FROM contact_history ORDER BY contact_id, seq");

    @Autowired
    private EventStore eventStore;

    @Autowired
    private CommandGateway commands;

    @Autowired
    private ProjectionSync sync;

    /** Text this database cannot store in the views' columns (name, source detail). */
    protected abstract String unstorableText();

    @Test
    void anEventAProjectionCannotStoreIsDeadLetteredAndEveryOtherContactIsProjected() {
        List<String> before = registerWithConsent(10);
        String poison = appendContactWithUnstorableDetails();
        List<String> after = registerWithConsent(10);

        for (String contactId : concat(before, after)) {
            assertThat(api.get(AUDITOR, "/api/v1/contacts/" + contactId + "?wait=true")
                            .status())
                    .as(contactId)
                    .isEqualTo(200);
            assertThat(changes(contactId, null)).contains("CONTACT_REGISTERED", "CONSENT_GRANTED");
        }
        assertThat(api.get(AUDITOR, "/api/v1/contacts/" + poison + "?wait=true").status())
                .isEqualTo(404);
        JsonNode status = api.get(AUDITOR, "/api/v1/admin/projections").json();
        for (JsonNode projection : status) {
            assertThat(projection.get("position").asLong())
                    .as("%s is not stuck", projection.get("name").asText())
                    .isGreaterThanOrEqualTo(projection.get("total").asLong());
        }
        assertThat(projection(status, "catalog").get("deadLetters").asLong()).isZero();

        long position = jdbc.sql("SELECT globalIndex FROM DomainEventEntry WHERE aggregateIdentifier = ?"
                        + " AND sequenceNumber = 0")
                .param(poison)
                .query(Long.class)
                .single();
        for (String group : List.of(ReadModels.LEGAL_BASIS, ReadModels.HISTORY)) {
            assertThat(projection(status, group).get("deadLetters").asLong()).isGreaterThanOrEqualTo(2);
            List<JsonNode> letters = deadLetters(group, poison);
            assertThat(letters).hasSize(2);
            JsonNode first = letters.get(0);
            assertThat(first.get("eventType").asText()).isEqualTo("ContactRegistered");
            assertThat(first.get("sequenceNumber").asLong()).isZero();
            assertThat(first.get("globalPosition").asLong()).isEqualTo(position);
            assertThat(first.get("cause").asText())
                    .as("class and SQLState, no value")
                    .matches(".*\\(SQLState 22\\d{3}.*")
                    .doesNotContain(unstorableText())
                    .doesNotContain("Smith");
            assertThat(first.get("retries").asInt()).isZero();
            assertThat(first.get("enqueuedAt").asText()).isNotBlank();
            assertThat(first.has("payload")).isFalse();
            JsonNode second = letters.get(1);
            assertThat(second.get("eventType").asText()).isEqualTo("ConsentGranted");
            assertThat(second.get("sequenceNumber").asLong()).isEqualTo(1);
            assertThat(second.get("cause").isNull())
                    .as("it only waits behind its contact's first letter")
                    .isTrue();
        }
        List<byte[]> payloads = jdbc.sql("SELECT payload FROM DeadLetterEntry WHERE sequenceIdentifier = ?")
                .param(poison)
                .query((rs, row) -> rs.getBytes(1))
                .list();
        assertThat(payloads)
                .hasSize(4)
                .allSatisfy(payload -> assertThat(new String(payload, StandardCharsets.UTF_8))
                        .as("personal data stays encrypted in the dead-letter queue")
                        .doesNotContain("ann@example.com"));

        assertThat(api.get(INTEGRATOR, "/api/v1/admin/projections/history/dead-letters")
                        .status())
                .isEqualTo(403);
        assertThat(api.post(AUDITOR, "/api/v1/admin/projections/history/dead-letters/retry", "")
                        .status())
                .isEqualTo(403);
        Api.Response unknown = api.get(AUDITOR, "/api/v1/admin/projections/nothing/dead-letters");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("type").asText()).isEqualTo("urn:consent-ledger:problem:unknown-projection");
    }

    @Test
    void aRebuildWithADeadLetterInTheStoreLosesNoOtherContact() {
        List<String> contacts = registerWithConsent(29);
        String poison = appendContactWithUnstorableDetails();
        contacts.add(registerContact(uniqueId("late")));
        awaitContactProjections();
        Map<String, List<Map<String, Object>>> live = snapshot();
        assertThat(live.get(CONTACT_TABLES.get(2)).stream()
                        .filter(row -> contacts.contains(String.valueOf(row.get("contact_id")))))
                .hasSizeGreaterThanOrEqualTo(29 * 3);

        for (String group : List.of(ReadModels.LEGAL_BASIS, ReadModels.HISTORY)) {
            Api.Response started = api.post(ADMIN, "/api/v1/admin/projections/" + group + "/replay", "");
            assertThat(started.status()).as(started.body()).isEqualTo(202);
        }
        awaitContactProjections();

        assertThat(snapshot()).isEqualTo(live);
        for (String contactId : contacts) {
            assertThat(api.get(AUDITOR, "/api/v1/contacts/" + contactId).status())
                    .as(contactId)
                    .isEqualTo(200);
        }
        for (String group : List.of(ReadModels.LEGAL_BASIS, ReadModels.HISTORY)) {
            assertThat(deadLetters(group, poison))
                    .as("the rebuild dead-letters the poison event again")
                    .hasSize(2);
        }
    }

    @Test
    void aRetryProcessesTheDeadLettersAgainOnceTheirCauseIsGone() throws Exception {
        // A fault of the read model's own (here a constraint that should not be there) that an admin then fixes.
        String blocked = uniqueId("blocked");
        jdbc.sql("ALTER TABLE contact_view ADD CONSTRAINT poison_test_view CHECK (contact_id NOT LIKE 'blocked-%')")
                .update();
        jdbc.sql("ALTER TABLE contact_history ADD CONSTRAINT poison_test_history"
                        + " CHECK (contact_id NOT LIKE 'blocked-%')")
                .update();
        try {
            registerContact(blocked);
            grant(blocked, "e-marketing");
            String fine = registerContact(uniqueId("fine"));
            assertThat(api.get(AUDITOR, "/api/v1/contacts/" + fine + "/history?wait=true")
                            .status())
                    .isEqualTo(200);
            assertThat(api.get(AUDITOR, "/api/v1/contacts/" + fine + "?wait=true")
                            .status())
                    .isEqualTo(200);
            List<JsonNode> letters = deadLetters(ReadModels.LEGAL_BASIS, blocked);
            assertThat(letters)
                    .extracting(letter -> letter.get("eventType").asText())
                    .containsExactly("ContactRegistered", "LegalBasisDocumented", "ConsentGranted");

            FormClient auditor = signedIn("auditor", "auditor-secret");
            String auditorsPage = auditor.get("/projections", "en").body();
            assertThat(auditorsPage)
                    .contains("id=\"dead-letters-legal-basis\"", blocked, "ContactRegistered")
                    .doesNotContain("/projections/legal-basis/dead-letters/retry");

            JsonNode stillFailing = retry(ReadModels.LEGAL_BASIS);
            assertThat(stillFailing.get("processed").asLong()).isZero();
            assertThat(stillFailing.get("stillDead").asLong()).isGreaterThanOrEqualTo(3);
            letters = deadLetters(ReadModels.LEGAL_BASIS, blocked);
            assertThat(letters)
                    .extracting(letter -> letter.get("retries").asInt())
                    .as("the retry stopped at the first letter, which failed again")
                    .containsExactly(1, 0, 0);
        } finally {
            jdbc.sql("ALTER TABLE contact_view DROP CONSTRAINT poison_test_view")
                    .update();
            jdbc.sql("ALTER TABLE contact_history DROP CONSTRAINT poison_test_history")
                    .update();
        }

        FormClient admin = signedIn("admin", "admin-secret");
        HttpResponse<String> page = admin.get("/projections", "en");
        assertThat(page.body()).contains("/projections/legal-basis/dead-letters/retry");
        HttpResponse<String> retried = admin.post("/projections/legal-basis/dead-letters/retry", FormClient.csrf(page));
        assertThat(FormClient.location(retried)).endsWith("/projections");
        assertThat(admin.get("/projections", "en").body()).contains("Retry of legal-basis: 3 processed");
        assertThat(retry(ReadModels.HISTORY).get("processed").asLong()).isEqualTo(3);
        assertThat(deadLetters(ReadModels.LEGAL_BASIS, blocked)).isEmpty();
        assertThat(deadLetters(ReadModels.HISTORY, blocked)).isEmpty();
        JsonNode contact =
                api.get(AUDITOR, "/api/v1/contacts/" + blocked + "?wait=true").json();
        assertThat(contact.get("name").asText()).isEqualTo("Ann Smith");
        assertThat(changes(blocked, null))
                .containsExactly("CONTACT_REGISTERED", "LEGAL_BASIS_DOCUMENTED", "CONSENT_GRANTED");
        assertThat(consentCheck(blocked, "e-marketing").get("status").asText()).isEqualTo("GRANTED");

        assertThat(api.post(
                                INTEGRATOR,
                                "/api/v1/contacts/" + blocked + "/consents/e-marketing/withdrawal",
                                "{\"sourceId\":\"email\"}")
                        .status())
                .isEqualTo(200);
        assertThat(consentCheck(blocked, "e-marketing").get("status").asText())
                .as("the contact's new events are projected again at once")
                .isEqualTo("WITHDRAWN");
    }

    @Test
    void aLookupTableThatCannotBeWrittenFailsTheCommandAndNothingIsStored() {
        String purposeId = uniqueId("p");
        assertThatThrownBy(() -> commands.sendAndWait(new DefinePurpose(
                        purposeId,
                        new PurposeTerms(unstorableText(), null, null, null, true, false, false, null, null))))
                .isInstanceOf(RuntimeException.class);
        assertThat(eventsOf(StreamIds.purpose(purposeId))).isZero();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM command_purpose WHERE purpose_id = ?")
                        .param(purposeId)
                        .query(Long.class)
                        .single())
                .isZero();

        String throughApi = uniqueId("p");
        Api.Response response = api.post(
                ADMIN,
                "/api/v1/purposes",
                "{\"purposeId\":\"" + throughApi + "\",\"name\":\"" + jsonEscaped(unstorableText()) + "\"}");
        assertThat(response.status()).as(response.body()).isBetween(400, 599);
        assertThat(response.contentType()).isEqualTo("application/problem+json");
        assertThat(eventsOf(StreamIds.purpose(throughApi))).isZero();
    }

    @Test
    void aKeyThatCannotBeDeletedFailsTheErasureAndNothingIsStored() {
        String contactId = registerContact(uniqueId("kept"));
        assertThat(api.get(AUDITOR, "/api/v1/contacts/" + contactId + "/history?wait=true")
                        .status())
                .isEqualTo(200);
        assertThat(api.get(AUDITOR, "/api/v1/contacts/" + contactId + "?wait=true")
                        .status())
                .isEqualTo(200);
        long events = eventsOf(contactId);
        jdbc.sql("ALTER TABLE contact_key RENAME TO contact_key_away").update();
        Api.Response refused;
        try {
            refused = api.post(ADMIN, "/api/v1/contacts/" + contactId + "/erasure", "");
        } finally {
            jdbc.sql("ALTER TABLE contact_key_away RENAME TO contact_key").update();
        }
        assertThat(refused.status()).as(refused.body()).isEqualTo(500);
        assertThat(eventsOf(contactId)).isEqualTo(events);
        assertThat(keys(contactId)).isEqualTo(1);

        Api.Response erased = api.post(ADMIN, "/api/v1/contacts/" + contactId + "/erasure", "");
        assertThat(erased.status()).as(erased.body()).isEqualTo(200);
        assertThat(keys(contactId)).isZero();
    }

    @Test
    void aRetentionPeriodEndingPastAnyDateKeepsTheContactUntilSomeoneDecides() {
        String purposeId = uniqueId("forever");
        Period forever = Period.of(Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE);
        commands.sendAndWait(new DefinePurpose(
                purposeId, new PurposeTerms("Forever", null, null, null, true, false, false, null, forever)));
        String contactId = registerContact(uniqueId("forever"));
        Instant now = Instant.now();
        try {
            GenericEventMessage.clock = Clock.fixed(now.minus(Duration.ofDays(3)), ZoneOffset.UTC);
            assertThat(api.post(INTEGRATOR, "/api/v1/contacts/" + contactId + "/legal-bases/sales-and-service/end", "")
                            .status())
                    .isEqualTo(200);
            GenericEventMessage.clock = Clock.fixed(now.minus(Duration.ofDays(2)), ZoneOffset.UTC);
            grant(contactId, purposeId);
            GenericEventMessage.clock = Clock.fixed(now.minus(Duration.ofDays(1)), ZoneOffset.UTC);
            assertThat(api.post(
                                    INTEGRATOR,
                                    "/api/v1/contacts/" + contactId + "/consents/" + purposeId + "/withdrawal",
                                    "{\"sourceId\":\"email\"}")
                            .status())
                    .isEqualTo(200);
        } finally {
            GenericEventMessage.clock = Clock.systemUTC();
        }

        JsonNode purposes = api.get(AUDITOR, "/api/v1/purposes?wait=true").json();
        assertThat(purposes.findValuesAsText("purposeId")).contains(purposeId);
        Api.Response due = api.get(AUDITOR, "/api/v1/retention/due?size=500&wait=true");
        assertThat(due.status()).as(due.body()).isEqualTo(200);
        JsonNode entry = null;
        for (JsonNode item : due.json().get("items")) {
            if (item.get("contactId").asText().equals(contactId)) {
                entry = item;
            }
        }
        assertThat(entry).as("listed among the contacts without legal basis").isNotNull();
        assertThat(entry.get("purposeId").asText()).isEqualTo(purposeId);
        assertThat(entry.get("retention").asText()).isEqualTo(forever.toString());
        assertThat(entry.get("retentionEndsAt").isNull()).isTrue();
        assertThat(entry.get("overdue").asBoolean()).isFalse();
        Api.Response overdue = api.get(AUDITOR, "/api/v1/retention/due?overdueOnly=true&size=500");
        assertThat(overdue.status()).isEqualTo(200);
        assertThat(overdue.json().findValuesAsText("contactId")).doesNotContain(contactId);
    }

    /** Registers contacts with a consent to e-marketing, through the API. */
    private List<String> registerWithConsent(int count) {
        List<String> contacts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String contactId = registerContact(uniqueId("good"));
            grant(contactId, "e-marketing");
            contacts.add(contactId);
        }
        return contacts;
    }

    /**
     * A registration and a consent whose name and source detail the views cannot store, appended through Axon's event
     * store as the command side would: serialized, with the personal data encrypted under the contact's new key.
     */
    private String appendContactWithUnstorableDetails() {
        String contactId = uniqueId("poison");
        Map<String, Object> metaData = Map.of(
                LedgerMetadata.ACTOR,
                "crm-sync",
                LedgerMetadata.ACTOR_ROLE,
                "INTEGRATOR",
                LedgerMetadata.CHANNEL,
                Channel.API.code());
        eventStore.publish(
                new GenericDomainEventMessage<>(
                        "ContactLedger",
                        contactId,
                        0,
                        new ContactRegistered(
                                contactId, unstorableText(), "ann@example.com", "import", unstorableText(), "en"),
                        metaData),
                new GenericDomainEventMessage<>(
                        "ContactLedger",
                        contactId,
                        1,
                        new ConsentGranted(contactId, "e-marketing", 1, "web-form", null, null, null, null),
                        metaData));
        return contactId;
    }

    private void awaitContactProjections() {
        sync.awaitCaughtUp(ReadModels.LEGAL_BASIS);
        sync.awaitCaughtUp(ReadModels.HISTORY);
    }

    private Map<String, List<Map<String, Object>>> snapshot() {
        Map<String, List<Map<String, Object>>> tables = new LinkedHashMap<>();
        CONTACT_TABLES.forEach(sql -> tables.put(sql, jdbc.sql(sql).query().listOfRows()));
        return tables;
    }

    /** The projection's dead letters of one contact, in order. */
    private List<JsonNode> deadLetters(String projection, String contactId) {
        Api.Response response = api.get(AUDITOR, "/api/v1/admin/projections/" + projection + "/dead-letters?size=500");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        List<JsonNode> letters = new ArrayList<>();
        response.json().get("items").forEach(item -> {
            if (item.get("sequence").asText().equals(contactId)) {
                letters.add(item);
            }
        });
        return letters;
    }

    private FormClient signedIn(String user, String password) throws Exception {
        FormClient browser = new FormClient(port());
        HttpResponse<String> login = browser.get("/login", "en");
        HttpResponse<String> signedIn =
                browser.post("/login", FormClient.csrf(login), "username=" + user + "&password=" + password);
        assertThat(FormClient.location(signedIn)).doesNotContain("error");
        return browser;
    }

    private JsonNode retry(String projection) {
        Api.Response response = api.post(ADMIN, "/api/v1/admin/projections/" + projection + "/dead-letters/retry", "");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    private long keys(String contactId) {
        return jdbc.sql("SELECT COUNT(*) FROM contact_key WHERE contact_id = ?")
                .param(contactId)
                .query(Long.class)
                .single();
    }

    private static JsonNode projection(JsonNode status, String name) {
        for (JsonNode projection : status) {
            if (projection.get("name").asText().equals(name)) {
                return projection;
            }
        }
        throw new AssertionError("No projection " + name + " in " + status);
    }

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    private static String jsonEscaped(String text) {
        StringBuilder escaped = new StringBuilder();
        text.chars().forEach(c -> {
            if (c < 0x20) {
                escaped.append("\\u%04x".formatted(c));
            } else {
                escaped.append((char) c);
            }
        });
        return escaped.toString();
    }
}
