package io.consentledger.app;

import static io.consentledger.app.support.Api.ADMIN;
import static io.consentledger.app.support.Api.AUDITOR;
import static io.consentledger.app.support.Api.INTEGRATOR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.consentledger.app.support.Api;
import io.consentledger.app.support.LedgerTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** An admin rebuilds one projection over HTTP and follows its progress; reads keep being answered meanwhile. */
abstract class ProjectionAdminContract extends LedgerTest {

    @Test
    void rebuildsAProjectionFromTheEventStoreAndShowsItsProgress() {
        for (int i = 0; i < 20; i++) {
            registerContact(uniqueId("replay"));
        }
        String contactId = registerContact(uniqueId("replay"));
        assertThat(api.get(AUDITOR, "/api/v1/contacts/" + contactId + "/history?wait=true")
                        .status())
                .isEqualTo(200);
        List<Map<String, Object>> before = jdbc.sql("SELECT * FROM contact_history ORDER BY contact_id, seq")
                .query()
                .listOfRows();

        JsonNode status = api.get(AUDITOR, "/api/v1/admin/projections").json();
        assertThat(status.findValuesAsText("name")).containsExactly("catalog", "legal-basis", "history", "change-feed");
        JsonNode history = projection(status, "history");
        assertThat(history.get("position").asLong())
                .isEqualTo(history.get("total").asLong());
        assertThat(history.get("replaying").asBoolean()).isFalse();

        assertThat(api.post(INTEGRATOR, "/api/v1/admin/projections/history/replay", "")
                        .status())
                .isEqualTo(403);
        assertThat(api.post(AUDITOR, "/api/v1/admin/projections/history/replay", "")
                        .status())
                .isEqualTo(403);
        Api.Response unknown = api.post(ADMIN, "/api/v1/admin/projections/nothing/replay", "");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("type").asText()).isEqualTo("urn:consent-ledger:problem:unknown-projection");

        Api.Response started = api.post(ADMIN, "/api/v1/admin/projections/history/replay", "");
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        assertThat(started.json().get("replayStartedAt").asText()).isNotBlank();
        assertThat(api.get(AUDITOR, "/api/v1/contacts/" + contactId + "/history")
                        .status())
                .as("reads are answered during the rebuild")
                .isIn(200, 404);

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode done =
                    projection(api.get(AUDITOR, "/api/v1/admin/projections").json(), "history");
            assertThat(done.get("replaying").asBoolean()).isFalse();
            assertThat(done.get("position").asLong())
                    .isGreaterThanOrEqualTo(done.get("total").asLong());
            assertThat(done.get("eventsPerSecond").asDouble()).isPositive();
        });
        assertThat(api.get(AUDITOR, "/api/v1/contacts/" + contactId + "/history?wait=true")
                        .status())
                .isEqualTo(200);
        assertThat(jdbc.sql("SELECT * FROM contact_history ORDER BY contact_id, seq")
                        .query()
                        .listOfRows())
                .isEqualTo(before);
    }

    private static JsonNode projection(JsonNode status, String name) {
        for (JsonNode projection : status) {
            if (projection.get("name").asText().equals(name)) {
                return projection;
            }
        }
        throw new AssertionError("No projection " + name + " in " + status);
    }
}
