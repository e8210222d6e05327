package io.consentledger.app.webhook;

import java.security.SecureRandom;
import java.util.Base64;

/** Webhook signing secrets: 32 random bytes, shown once, stored sealed ({@code SealedSecrets}). */
final class WebhookSecrets {

    private static final SecureRandom RANDOM = new SecureRandom();

    private WebhookSecrets() {}

    static String generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return "whsec_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Whose secret it is, as the sealing's associated data. */
    static String owner(String webhookId) {
        return "webhook/" + webhookId;
    }
}
