package io.consentledger.app;

import static io.consentledger.app.support.Api.ADMIN;
import static io.consentledger.app.support.Api.AUDITOR;
import static io.consentledger.app.support.Api.INTEGRATOR;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.consentledger.app.support.LedgerTest;
import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * With a key-encryption key configured, the contacts' keys are stored sealed with it: the table alone opens nothing.
 * Keys stored before (in the clear) keep working, and erasure still deletes the key for good.
 */
@TestPropertySource(properties = "consent.privacy.key-encryption-key=" + SealedContactKeysTest.KEK)
class SealedContactKeysTest extends LedgerTest {

    static final String KEK = "q83vEjRWeJq8PxKhZkXwLm5N0cR7tY2uI9oP4aS6dFg=";

    @Test
    void storesTheKeysSealedAndStillReadsThePersonalData() {
        String contactId = register(uniqueId("sealed"), "Nadia Sealed");
        String secret = secretOf(contactId);
        assertThat(secret).startsWith("kek1:").hasSize(85);
        assertThat(nameOf(contactId)).isEqualTo("Nadia Sealed");
        assertThat(api.post(
                                INTEGRATOR,
                                "/api/v1/contacts/" + contactId + "/consents",
                                "{\"purposeId\":\"e-marketing\",\"sourceId\":\"web-form\",\"sourceDetail\":\"Booth 7\"}")
                        .status())
                .isEqualTo(201);
        assertThat(changes(contactId, "CONSENT_GRANTED")).contains("CONSENT_GRANTED");
        JsonNode history = api.get(AUDITOR, "/api/v1/contacts/" + contactId + "/history?wait=true")
                .json();
        assertThat(history.toString()).contains("Booth 7");
    }

    @Test
    void aKeyStoredBeforeTheKeyEncryptionKeyStillWorks() {
        String contactId = uniqueId("legacy");
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        jdbc.sql("INSERT INTO contact_key (contact_id, secret, created_at) VALUES (?, ?, ?)")
                .params(contactId, Base64.getEncoder().encodeToString(key), OffsetDateTime.now())
                .update();
        register(contactId, "Otto Legacy");
        assertThat(secretOf(contactId)).doesNotStartWith("kek1:");
        assertThat(nameOf(contactId)).isEqualTo("Otto Legacy");
    }

    @Test
    void erasureDeletesASealedKey() {
        String contactId = register(uniqueId("sealed"), "Erin Sealed");
        assertThat(api.post(ADMIN, "/api/v1/contacts/" + contactId + "/erasure", "")
                        .status())
                .isIn(200, 202);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM contact_key WHERE contact_id = ?")
                        .param(contactId)
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(api.get(AUDITOR, "/api/v1/contacts/" + contactId + "?wait=true")
                        .json()
                        .get("name")
                        .isNull())
                .isTrue();
    }

    private String register(String contactId, String name) {
        assertThat(api.post(INTEGRATOR, "/api/v1/contacts", """
                                {"contactId":"%s","name":"%s","email":"someone@example.com","sourceId":"import"}""".formatted(contactId, name))
                        .status())
                .isEqualTo(201);
        return contactId;
    }

    private String secretOf(String contactId) {
        return jdbc.sql("SELECT secret FROM contact_key WHERE contact_id = ?")
                .param(contactId)
                .query(String.class)
                .single();
    }

    private String nameOf(String contactId) {
        return api.get(AUDITOR, "/api/v1/contacts/" + contactId + "?wait=true")
                .json()
                .get("name")
                .asText();
    }
}
