package io.consentledger.app.privacy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.springframework.stereotype.Component;

/**
 * Secrets other than the contacts' keys (a webhook's signing secret) stored as the contacts' keys are: AES-GCM-sealed
 * with the key-encryption key ({@code consent.privacy.key-encryption-key}, marked {@code kek1:}) when one is
 * configured, else as they are; the owner's name is the associated data, so a sealed value cannot be moved to another
 * owner.
 */
@Component
public class SealedSecrets {

    private final byte[] keyEncryptionKey;

    SealedSecrets(PrivacySettings settings) {
        this.keyEncryptionKey = ContactKeys.keyEncryptionKey(settings.keyEncryptionKey());
    }

    /** The secret as it is to be stored for its owner. */
    public String seal(String owner, String secret) {
        if (keyEncryptionKey == null) {
            return secret;
        }
        byte[] sealed = ContactKeys.seal(keyEncryptionKey, owner, secret.getBytes(StandardCharsets.UTF_8));
        return ContactKeys.SEALED + Base64.getEncoder().encodeToString(sealed);
    }

    /** The secret a stored value holds; fails when it is sealed and no (or another) key-encryption key is configured. */
    public String open(String owner, String stored) {
        if (!stored.startsWith(ContactKeys.SEALED)) {
            return stored;
        }
        if (keyEncryptionKey == null) {
            throw new IllegalStateException("The secret of " + owner
                    + " is sealed with a key-encryption key, and none is configured"
                    + " (consent.privacy.key-encryption-key)");
        }
        byte[] bytes = Base64.getDecoder().decode(stored.substring(ContactKeys.SEALED.length()));
        return new String(ContactKeys.open(keyEncryptionKey, owner, bytes), StandardCharsets.UTF_8);
    }
}
