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
 * Makes and opens the links the ledger emails to a person: to their profile page, and to confirm a consent (double
 * opt-in). A token is its kind, its expiry and the ids it is for, sealed with AES-256-GCM (Spring Security's
 * {@link AesBytesEncryptor}): unreadable without the key, and any change makes it fail to open. The kind keeps one
 * sort of link from being used as the other.
 */
@Component
public class ProfileLinks {

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    private static final byte PROFILE = 'P';
    private static final byte CONFIRMATION = 'C';
    /** Separates the ids in a confirmation token; no id may contain it. */
    private static final char SEPARATOR = '\n';

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
        String token = seal(PROFILE, expiresAt, contactId);
        return new ProfileLink(contactId, token, url("/privacy/profile/", token), truncated(expiresAt));
    }

    /** The contact a profile link is for; throws when the link is not genuine or has expired. */
    public ProfileLink open(String token) {
        Opened opened = unseal(PROFILE, token);
        return new ProfileLink(opened.payload(), token, null, opened.expiresAt());
    }

    /** A link that confirms one consent waiting for confirmation, working until the consent lapses. */
    public ConfirmationLink confirmation(String contactId, String purposeId, String confirmationId, Instant expiresAt) {
        String token = seal(
                CONFIRMATION, expiresAt, String.join(String.valueOf(SEPARATOR), contactId, purposeId, confirmationId));
        return new ConfirmationLink(
                contactId, purposeId, confirmationId, token, url("/privacy/confirm/", token), truncated(expiresAt));
    }

    /** The consent a confirmation link is for; throws when the link is not genuine or has expired. */
    public ConfirmationLink openConfirmation(String token) {
        Opened opened = unseal(CONFIRMATION, token);
        String[] ids = opened.payload().split(String.valueOf(SEPARATOR), -1);
        if (ids.length != 3) {
            throw new InvalidProfileLink();
        }
        return new ConfirmationLink(ids[0], ids[1], ids[2], token, null, opened.expiresAt());
    }

    private record Opened(Instant expiresAt, String payload) {}

    private String seal(byte kind, Instant expiresAt, String payload) {
        byte[] ids = payload.getBytes(StandardCharsets.UTF_8);
        byte[] plain = ByteBuffer.allocate(1 + Long.BYTES + ids.length)
                .put(kind)
                .putLong(expiresAt.getEpochSecond())
                .put(ids)
                .array();
        return ENCODER.encodeToString(sealer.encrypt(plain));
    }

    private Opened unseal(byte kind, String token) {
        byte[] plain;
        try {
            plain = sealer.decrypt(DECODER.decode(token));
        } catch (RuntimeException e) {
            throw new InvalidProfileLink();
        }
        if (plain.length <= 1 + Long.BYTES || plain[0] != kind) {
            throw new InvalidProfileLink();
        }
        ByteBuffer buffer = ByteBuffer.wrap(plain, 1, plain.length - 1);
        Instant expiresAt = Instant.ofEpochSecond(buffer.getLong());
        String payload = StandardCharsets.UTF_8.decode(buffer).toString();
        if (!clock.instant().isBefore(expiresAt)) {
            throw new ExpiredProfileLink();
        }
        return new Opened(expiresAt, payload);
    }

    private String url(String path, String token) {
        return settings.baseUrl().replaceAll("/+$", "") + path + token;
    }

    private static Instant truncated(Instant instant) {
        return Instant.ofEpochSecond(instant.getEpochSecond());
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
