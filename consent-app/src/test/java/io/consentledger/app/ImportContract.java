package io.consentledger.app;

import static io.consentledger.app.support.Api.ADMIN;
import static io.consentledger.app.support.Api.AUDITOR;
import static io.consentledger.app.support.Api.INTEGRATOR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.consentledger.app.support.Api;
import io.consentledger.app.support.LedgerTest;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Bulk imports of CSV and NDJSON files through the API: every kind of refused row in errors.csv, dry runs that record
 * nothing, a second import of the same file that records nothing new, blank cells that keep what is stored, and the
 * channel and actor of what is recorded.
 */
abstract class ImportContract extends LedgerTest {

    static final String CSV = "text/csv";
    static final String NDJSON = "application/x-ndjson";
    static final String HEADER = "contactId,name,email,sourceId,sourceDetail,locale,purposeId,legalBasis,status,"
            + "capturedAt,validUntil,evidenceText,formUrl\n";

    @Test
    void importsContactsAndConsentsOnTheImportChannelWithTheCallerAsActor() {
        String ann = uniqueId("imp");
        String bob = uniqueId("imp");
        String cid = uniqueId("imp");
        String file = HEADER
                + ann + ",Ann Smith," + ann + "@example.com,web-form,Newsletter form,da,e-marketing,,GRANTED,"
                + "2024-03-01T12:00:00Z,,\"Yes, send me news, offers and \"\"tips\"\"\",https://example.com/news\n"
                + bob + ",Bob Jones," + bob + "@example.com,business-card,,,,,,,,,\n"
                + cid + ",Cid Berg," + cid + "@example.com,import,,en,sales-and-service,CONTRACT,GRANTED,,,,\n";

        JsonNode done = importFile(INTEGRATOR, CSV, file, "");

        assertThat(done.get("total").asLong()).isEqualTo(3);
        assertThat(done.get("imported").asLong()).isEqualTo(3);
        assertThat(done.get("failed").asLong()).isZero();
        JsonNode check = consentCheck(ann, "e-marketing");
        assertThat(check.get("allowed").asBoolean()).isTrue();
        assertThat(consentCheck(cid, "sales-and-service").get("legalBasis").asText())
                .isEqualTo("CONTRACT");
        JsonNode granted = historyEntry(ann, "CONSENT_GRANTED");
        assertThat(granted.get("channel").asText()).isEqualTo("import");
        assertThat(granted.get("actor").asText()).isEqualTo(Api.INTEGRATOR);
        assertThat(granted.get("capturedAt").asText()).isEqualTo("2024-03-01T12:00:00Z");
        for (String contactId : List.of(ann, bob, cid)) {
            JsonNode registered = historyEntry(contactId, "CONTACT_REGISTERED");
            assertThat(registered.get("channel").asText()).isEqualTo("import");
            assertThat(registered.get("actor").asText()).isEqualTo(Api.INTEGRATOR);
        }
        JsonNode contact =
                api.get(INTEGRATOR, "/api/v1/contacts/" + ann + "?wait=true").json();
        assertThat(contact.get("name").asText()).isEqualTo("Ann Smith");
        // Made in memory for the chunk and inserted with its commit: every imported contact has its key stored.
        assertThat(keysOf(ann, bob, cid)).isEqualTo(3);
    }

    @Test
    void importsNdjsonWithTheSameRulesAsCsv() {
        String ann = uniqueId("nd");
        String file = "{\"contactId\":\"" + ann + "\",\"name\":\"Ann Smith\",\"email\":\"" + ann
                + "@example.com\",\"sourceId\":\"web-form\",\"purposeId\":\"e-marketing\",\"status\":\"GRANTED\","
                + "\"capturedAt\":\"2024-03-01T12:00:00Z\"}\n\n"
                + "{\"contactId\":\"" + ann + "\",\"purposeId\":\"e-marketing\",\"sourceId\":\"email\","
                + "\"status\":\"WITHDRAWN\"}\r\n";

        JsonNode done = importFile(ADMIN, NDJSON, file, "");

        assertThat(done.get("imported").asLong()).isEqualTo(2);
        assertThat(consentCheck(ann, "e-marketing").get("status").asText()).isEqualTo("WITHDRAWN");
        assertThat(historyEntry(ann, "CONSENT_WITHDRAWN").get("actor").asText()).isEqualTo(Api.ADMIN);
    }

    @Test
    void listsEveryRefusedRowInErrorsCsvWithItsFieldAndReasonButNeverItsValue() {
        String erased = registerContact(uniqueId("gone"));
        assertThat(api.post(ADMIN, "/api/v1/contacts/" + erased + "/erasure", "")
                        .status())
                .isEqualTo(200);
        String known = registerContact(uniqueId("known"));
        String fresh = uniqueId("fresh");
        String file = HEADER
                + "bad id!,Ann,ann@example.com,web-form,,,,,,,,,\n" // 1 contactId
                + fresh + "-2,Ann,secret-not-an-email,web-form,,,,,,,,,\n" // 2 email
                + fresh + "-3,Ann,a3@example.com,no-such-source,,,,,,,,,\n" // 3 unknown source
                + fresh + "-4,Ann,a4@example.com,web-form,,,no-such-purpose,,GRANTED,,,,\n" // 4 unknown purpose
                + fresh + "-5,Ann,a5@example.com,web-form,,,e-marketing,,GRANTED,2999-01-01T00:00:00Z,,,\n" // 5
                + fresh + "-6,Ann,a6@example.com,web-form,,,e-marketing,,ENDED,,,,\n" // 6 consent is not ended
                + fresh + "-7,Ann,a7@example.com,web-form,,,sales-and-service,LEGITIMATE,GRANTED,,,,\n" // 7 basis
                + fresh + "-8,Ann,a8@example.com,web-form,,,e-marketing,CONTRACT,GRANTED,,,,\n" // 8 consent required
                + fresh + "-9,,,web-form,,,,,,,,,\n" // 9 a new contact needs a name
                + erased + ",Ann,a10@example.com,web-form,,,,,,,,,\n" // 10 erased
                + fresh + "-11,Ann\n" // 11 cells
                + fresh + "-12,Ann,a12@example.com,web-form,,,,,,yesterday,,,\n" // 12 capturedAt
                + known + ",,,web-form,,,e-marketing,,GRANTED,,,,ftp://example.com\n" // 13 formUrl
                + fresh + "-14,Ann,a14@example.com,web-form,,xx,,,,,,,\n" // 14 locale
                + fresh + "-15,An\u0000n,a15@example.com,web-form,,,,,,,,,\n"; // 15 a NUL cannot be stored

        JsonNode done = importFile(INTEGRATOR, CSV, file, "");

        assertThat(done.get("total").asLong()).isEqualTo(15);
        assertThat(done.get("failed").asLong()).isEqualTo(15);
        assertThat(done.get("errors")).hasSize(15);
        String errors = errorsCsv(done.get("importId").asText());
        List<String> lines = errors.lines().toList();
        assertThat(lines.get(0)).isEqualTo("row,field,type,reason");
        assertThat(lines.subList(1, lines.size()))
                .extracting(line -> line.substring(0, line.indexOf(",\"", line.indexOf(',') + 1)))
                .containsExactly(
                        "1,\"contactId\"",
                        "2,\"email\"",
                        "3,\"sourceId\"",
                        "4,\"purposeId\"",
                        "5,\"capturedAt\"",
                        "6,\"status\"",
                        "7,\"legalBasis\"",
                        "8,\"legalBasis\"",
                        "9,\"name\"",
                        "10,\"contactId\"",
                        "11,",
                        "12,\"capturedAt\"",
                        "13,\"formUrl\"",
                        "14,\"locale\"",
                        "15,\"name\"");
        assertThat(errors)
                .contains("\"unknown-source\"", "\"unknown-purpose\"", "\"consent-required\"", "\"contact-erased\"")
                .doesNotContain("secret-not-an-email", "yesterday", "ftp://example.com", "bad id!");
        assertThat(eventsOf(fresh + "-9")).isZero();
        assertThat(eventsOf(fresh + "-15")).isZero();
        // A row the contact's ledger refused encrypted nothing: no key was made for it.
        assertThat(keysOf(fresh + "-2", fresh + "-9")).isZero();
    }

    private long keysOf(String... contactIds) {
        return jdbc.sql("SELECT COUNT(*) FROM contact_key WHERE contact_id IN (:ids)")
                .param("ids", List.of(contactIds))
                .query(Long.class)
                .single();
    }

    @Test
    void refusesNdjsonLinesThatAreNotStrictJson() {
        String id = uniqueId("strict");
        String file = "{\"contactId\":\"" + id + "\",\"name\":\"Ann\",\"name\":\"Bob\"}\n"
                + "{\"contactId\":\"" + id + "\",\"name\":42}\n"
                + "{\"contactId\":\"" + id + "\",\"shoeSize\":\"42\"}\n"
                + "{\"contactId\":\"" + id + "\"\n"
                + "[\"" + id + "\"]\n";

        JsonNode done = importFile(INTEGRATOR, NDJSON, file, "");

        assertThat(done.get("failed").asLong()).isEqualTo(5);
        assertThat(done.get("errors"))
                .extracting(error ->
                        error.get("row").asLong() + ":" + error.get("field").asText(null))
                .containsExactly("1:null", "2:name", "3:shoeSize", "4:null", "5:null");
        assertThat(eventsOf(id)).isZero();
    }

    @Test
    void aDryRunChecksEveryRowWithTheRealRunsRulesAndRecordsNothing() {
        String retired = definePurpose(true);
        assertThat(api.post(ADMIN, "/api/v1/purposes/" + retired + "/retire", "{}")
                        .status())
                .isEqualTo(200);
        String ann = uniqueId("dry");
        String file = HEADER
                + ann + ",Ann,ann@example.com,web-form,,,e-marketing,,GRANTED,,,,\n"
                + ann + "-2,Ann,ann@example.com,web-form,,,"
                + retired + ",,GRANTED,,,,\n"
                + ann + "-3,Ann,not-an-email,web-form,,,,,,,,,\n";
        long eventsBefore = allEvents();

        Api.Response response = upload(INTEGRATOR, CSV, file, "?dryRun=true");

        assertThat(response.status()).as(response.body()).isEqualTo(202);
        JsonNode done = awaitFinished(response.header("Location"));
        assertThat(done.get("dryRun").asBoolean()).isTrue();
        assertThat(done.get("imported").asLong()).isEqualTo(1);
        assertThat(done.get("failed").asLong()).isEqualTo(2);
        assertThat(done.get("errors"))
                .extracting(error -> error.get("type").asText())
                .containsExactly("purpose-retired", "invalid-request");
        assertThat(allEvents()).isEqualTo(eventsBefore);
        assertThat(eventsOf(ann)).isZero();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM import_row").query(Long.class).single())
                .isZero();
    }

    @Test
    void importingTheSameFileTwiceRecordsNothingNew() {
        String contractPurpose = definePurpose(false);
        List<String> ids =
                IntStream.range(0, 7).mapToObj(i -> uniqueId("twice")).toList();
        String file = HEADER
                + ids.subList(0, 5).stream()
                        .map(id -> id + ",Ann Smith," + id + "@example.com,import,,,e-marketing,,GRANTED,"
                                + "2024-03-01T12:00:00Z,,Yes please,\n")
                        .collect(Collectors.joining())
                // Withdrawn in the CRM: the consent given then, and its withdrawal.
                + ids.get(5) + ",Bob,bob@example.com,import,,,e-marketing,,WITHDRAWN,2024-03-01T12:00:00Z,,,\n"
                // A contract that ended: documented, and ended.
                + ids.get(6) + ",Cid,cid@example.com,import,,,"
                + contractPurpose + ",CONTRACT,ENDED,,,,\n";

        JsonNode first = importFile(INTEGRATOR, CSV, file, "");
        assertThat(first.get("imported").asLong()).isEqualTo(7);
        List<Long> eventsAfterFirst = ids.stream().map(this::eventsOf).toList();

        JsonNode second = importFile(INTEGRATOR, CSV, file, "");

        assertThat(second.get("imported").asLong()).isZero();
        assertThat(second.get("skipped").asLong()).isEqualTo(7);
        assertThat(ids.stream().map(this::eventsOf).toList()).isEqualTo(eventsAfterFirst);
        assertThat(changes(ids.get(5), "CONSENT_WITHDRAWN"))
                .containsSubsequence("CONSENT_GRANTED", "CONSENT_WITHDRAWN");
        assertThat(consentCheck(ids.get(5), "e-marketing").get("status").asText())
                .isEqualTo("WITHDRAWN");
        assertThat(consentCheck(ids.get(6), contractPurpose).get("status").asText())
                .isEqualTo("ENDED");
    }

    @Test
    void aBlankCellNeverErasesOrOverwritesWhatIsStored() {
        String contactId = registerContact(uniqueId("blank"));
        String file = HEADER + contactId + ",,,,,,,,,,,,\n" + contactId + ",,ann.new@example.com,,,,,,,,,,\n";

        JsonNode done = importFile(INTEGRATOR, CSV, file, "");

        assertThat(done.get("skipped").asLong()).isEqualTo(1);
        assertThat(done.get("imported").asLong()).isEqualTo(1);
        JsonNode contact = api.get(INTEGRATOR, "/api/v1/contacts/" + contactId + "?wait=true")
                .json();
        assertThat(contact.get("name").asText()).isEqualTo("Ann Smith");
        assertThat(contact.get("email").asText()).isEqualTo("ann.new@example.com");
    }

    @Test
    void aFileThatCannotBeImportedIsRefusedAsAProblemAndLeavesNothingBehind() {
        long importsBefore =
                jdbc.sql("SELECT COUNT(*) FROM import_job").query(Long.class).single();
        assertProblem(upload(INTEGRATOR, "application/json", "{}", ""), 415, "unsupported-media-type");
        assertProblem(upload(INTEGRATOR, CSV, "", ""), 400, "invalid-import-file");
        assertProblem(upload(INTEGRATOR, NDJSON, "\n\n", ""), 400, "invalid-import-file");
        assertProblem(upload(INTEGRATOR, CSV, "crm-1,Ann Smith,ann@example.com\n", ""), 400, "invalid-import-file");
        assertProblem(upload(INTEGRATOR, CSV, "name,email\nAnn,ann@example.com\n", ""), 400, "invalid-import-file");
        assertProblem(upload(INTEGRATOR, CSV, HEADER, ""), 400, "invalid-import-file");
        assertProblem(upload(INTEGRATOR, CSV, "contactId\n\"crm-1\n", ""), 400, "invalid-import-file");
        Api.Response missingHeader = upload(INTEGRATOR, CSV, "crm-1,Ann Smith,ann@example.com\n", "");
        assertThat(missingHeader.body()).doesNotContain("Ann Smith", "ann@example.com");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM import_job").query(Long.class).single())
                .isEqualTo(importsBefore);
        assertProblem(
                api.get(INTEGRATOR, "/api/v1/imports/00000000-0000-0000-0000-000000000000"), 404, "unknown-import");
        assertProblem(
                api.get(INTEGRATOR, "/api/v1/imports/00000000-0000-0000-0000-000000000000/errors.csv"),
                404,
                "unknown-import");
    }

    private static void assertProblem(Api.Response response, int status, String type) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("type").asText()).endsWith(":" + type);
    }

    /** Defines an active purpose without a default legal basis and answers its id. */
    String definePurpose(boolean requiresConsent) {
        String purposeId = uniqueId("p");
        Api.Response response = api.post(ADMIN, "/api/v1/purposes", """
                {"purposeId":"%s","name":"Events","description":"Invitations to our events",
                 "consentText":"Yes, invite me.","requiresConsent":%s,"retention":"P1Y"}""".formatted(purposeId, requiresConsent));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return purposeId;
    }

    Api.Response upload(String user, String type, String body, String query) {
        HttpRequest request = api.request(user, "/api/v1/imports" + query)
                .header("Content-Type", type)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
        return api.send(request);
    }

    /** Uploads the file, and answers the import once it is finished. */
    JsonNode importFile(String user, String type, String body, String query) {
        Api.Response response = upload(user, type, body, query);
        assertThat(response.status()).as(response.body()).isEqualTo(202);
        assertThat(response.header("Location")).startsWith("/api/v1/imports/");
        return awaitFinished(response.header("Location"));
    }

    JsonNode awaitFinished(String location) {
        List<JsonNode> found = new ArrayList<>();
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            JsonNode job = api.get(INTEGRATOR, location).json();
            found.add(0, job);
            return "FINISHED".equals(job.get("state").asText());
        });
        return found.get(0);
    }

    String errorsCsv(String importId) {
        Api.Response response = api.get(INTEGRATOR, "/api/v1/imports/" + importId + "/errors.csv");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.contentType()).startsWith("text/csv");
        return response.body();
    }

    /** The newest entry of the change in the contact's history, once the history has it. */
    JsonNode historyEntry(String contactId, String change) {
        changes(contactId, change);
        JsonNode items = api.get(AUDITOR, "/api/v1/contacts/" + contactId + "/history?size=500&wait=true")
                .json()
                .get("items");
        JsonNode found = null;
        for (JsonNode item : items) {
            if (change.equals(item.get("change").asText())) {
                found = item;
            }
        }
        return found;
    }
}
