package io.consentledger.command.profile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.crypto.encrypt.AesBytesEncryptor;
import org.springframework.security.crypto.encrypt.BytesEncryptor;
import org.springframework.security.crypto.keygen.KeyGenerators;
import org.springframework.stereotype.Component;

/**
 * Makes and opens profile-page links. The token is the contact id and the expiry, sealed with AES-256-GCM (Spring
 * Security's {@link AesBytesEncryptor}): unreadable without the key, and any change makes it fail to open.
 */
@Component
public class ProfileLinks {

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final BytesEncryptor sealer;
    private final ProfileSettings settings;
    private final Clock clock;

    public ProfileLinks(ProfileSettings settings, Clock clock, @Value("${consent.data-dir:./data}") Path dataDir) {
        this.settings = settings;
        this.clock = clock;
        String secret = settings.secret() == null || settings.secret().isBlank()
                ? keptSecret(dataDir.resolve("profile-link.key"))
                : settings.secret();
        this.sealer = new AesBytesEncryptor(
                secret,
                "636f6e73656e742d6c6564676572",
                KeyGenerators.secureRandom(12),
                AesBytesEncryptor.CipherAlgorithm.GCM);
    }

    /** A fresh link to the contact's profile page. */
    public ProfileLink create(String contactId) {
        Instant expiresAt = clock.instant().plus(settings.linkTtl());
        byte[] id = contactId.getBytes(StandardCharsets.UTF_8);
        byte[] plain = ByteBuffer.allocate(Long.BYTES + id.length)
                .putLong(expiresAt.getEpochSecond())
                .put(id)
                .array();
        String token = ENCODER.encodeToString(sealer.encrypt(plain));
        String url = settings.baseUrl().replaceAll("/+$", "") + "/privacy/profile/" + token;
        return new ProfileLink(contactId, token, url, Instant.ofEpochSecond(expiresAt.getEpochSecond()));
    }

    /** The contact a link is for; throws when the link is not genuine or has expired. */
    public ProfileLink open(String token) {
        byte[] plain;
        try {
            plain = sealer.decrypt(DECODER.decode(token));
        } catch (RuntimeException e) {
            throw new InvalidProfileLink();
        }
        if (plain.length <= Long.BYTES) {
            throw new InvalidProfileLink();
        }
        ByteBuffer buffer = ByteBuffer.wrap(plain);
        Instant expiresAt = Instant.ofEpochSecond(buffer.getLong());
        String contactId = StandardCharsets.UTF_8.decode(buffer).toString();
        if (!clock.instant().isBefore(expiresAt)) {
            throw new ExpiredProfileLink();
        }
        return new ProfileLink(contactId, token, null, expiresAt);
    }

    /** The installation's key, made on first use and kept (owner-only) in the data directory. */
    private static String keptSecret(Path file) {
        try {
            if (Files.exists(file)) {
                return Files.readString(file).strip();
            }
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            String secret = ENCODER.encodeToString(random);
            Files.createDirectories(file.getParent());
            Files.writeString(file, secret);
            if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            }
            return secret;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot keep the profile-link key in " + file, e);
        }
    }
}
