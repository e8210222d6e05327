package io.consentledger.command.profile;

import io.consentledger.command.InstallationSecrets;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.crypto.encrypt.AesBytesEncryptor;
import org.springframework.security.crypto.encrypt.BytesEncryptor;
import org.springframework.security.crypto.keygen.KeyGenerators;
import org.springframework.stereotype.Component;

/**
 * Makes and opens the links to a person's profile page and the links that confirm a consent (double opt-in). A token
 * is its kind, its expiry and what it is for, sealed with AES-256-GCM (Spring Security's {@link AesBytesEncryptor}):
 * unreadable without the key, and any change makes it fail to open. The kind keeps one sort of link from being used as
 * the other, and says who a profile link is from: the person's own mailbox, or the staff member (and their roles)
 * who issued it, so that what is done through it can name them. The key is {@code consent.profile.secret}, or else one
 * the first node made and keeps in the database for every node.
 */
@Component
public class ProfileLinks {

    private static final Logger log = LoggerFactory.getLogger(ProfileLinks.class);
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    /** A profile link sealed before links said who they are from. */
    private static final byte PROFILE_OF_UNKNOWN_ORIGIN = 'P';
    /** A profile link for the person's own mailbox. */
    private static final byte PROFILE_FOR_MAILBOX = 'M';
    /** A profile link a staff member issued. */
    private static final byte PROFILE_FROM_STAFF = 'S';

    private static final byte CONFIRMATION = 'C';
    /** Separates the ids in a token's payload; no id or role may contain it. */
    private static final char SEPARATOR = '\n';
    /** The name of the link key in the installation's secrets. */
    static final String SECRET_NAME = "profile-link-key";
    /** Where versions before the key moved to the database kept it. */
    static final String FORMER_KEY_FILE = "profile-link.key";

    private final BytesEncryptor sealer;
    private final ProfileSettings settings;
    private final Clock clock;

    @Autowired
    public ProfileLinks(
            ProfileSettings settings,
            Clock clock,
            InstallationSecrets secrets,
            @Value("${consent.data-dir:./data}") Path dataDir) {
        this(settings, clock, configuredOrKept(settings, secrets, dataDir));
    }

    /** Links sealed with the given key. */
    public ProfileLinks(ProfileSettings settings, Clock clock, String secret) {
        this.settings = settings;
        this.clock = clock;
        this.sealer = new AesBytesEncryptor(
                secret,
                "636f6e73656e742d6c6564676572",
                KeyGenerators.secureRandom(12),
                AesBytesEncryptor.CipherAlgorithm.GCM);
    }

    /**
     * A fresh link to the contact's profile page for the person's own mailbox: the email the ledger sends them, and the
     * confirmation page they reach from it. What is done through it is the person's own act.
     */
    public ProfileLink create(String contactId) {
        Instant expiresAt = clock.instant().plus(settings.linkTtl());
        String token = seal(PROFILE_FOR_MAILBOX, expiresAt, contactId);
        return new ProfileLink(
                contactId, token, url("/privacy/profile/", token), truncated(expiresAt), LinkIssuer.MAILBOX);
    }

    /**
     * A fresh link to the contact's profile page that a staff member issues (to hand it over): what is done through it
     * names them and the roles they have now.
     */
    public ProfileLink issue(String contactId, String principal, String roles) {
        if (principal.indexOf(SEPARATOR) >= 0 || roles.indexOf(SEPARATOR) >= 0) {
            throw new IllegalArgumentException("A principal or role holds a line break");
        }
        Instant expiresAt = clock.instant().plus(settings.linkTtl());
        String token = seal(
                PROFILE_FROM_STAFF, expiresAt, String.join(String.valueOf(SEPARATOR), contactId, roles, principal));
        return new ProfileLink(
                contactId,
                token,
                url("/privacy/profile/", token),
                truncated(expiresAt),
                LinkIssuer.staff(principal, roles));
    }

    /** The contact a profile link is for, and who it is from; throws when the link is not genuine or has expired. */
    public ProfileLink open(String token) {
        Opened opened = unseal(token);
        return switch (opened.kind()) {
            case PROFILE_FOR_MAILBOX ->
                new ProfileLink(opened.payload(), token, null, opened.expiresAt(), LinkIssuer.MAILBOX);
            case PROFILE_OF_UNKNOWN_ORIGIN ->
                new ProfileLink(opened.payload(), token, null, opened.expiresAt(), LinkIssuer.UNKNOWN);
            case PROFILE_FROM_STAFF -> {
                String[] parts = opened.payload().split(String.valueOf(SEPARATOR), 3);
                if (parts.length != 3) {
                    throw new InvalidProfileLink();
                }
                yield new ProfileLink(parts[0], token, null, opened.expiresAt(), LinkIssuer.staff(parts[2], parts[1]));
            }
            default -> throw new InvalidProfileLink();
        };
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
        Opened opened = unseal(token);
        if (opened.kind() != CONFIRMATION) {
            throw new InvalidProfileLink();
        }
        String[] ids = opened.payload().split(String.valueOf(SEPARATOR), -1);
        if (ids.length != 3) {
            throw new InvalidProfileLink();
        }
        return new ConfirmationLink(ids[0], ids[1], ids[2], token, null, opened.expiresAt());
    }

    private record Opened(byte kind, Instant expiresAt, String payload) {}

    private String seal(byte kind, Instant expiresAt, String payload) {
        byte[] ids = payload.getBytes(StandardCharsets.UTF_8);
        byte[] plain = ByteBuffer.allocate(1 + Long.BYTES + ids.length)
                .put(kind)
                .putLong(expiresAt.getEpochSecond())
                .put(ids)
                .array();
        return ENCODER.encodeToString(sealer.encrypt(plain));
    }

    private Opened unseal(String token) {
        byte[] plain;
        try {
            plain = sealer.decrypt(DECODER.decode(token));
        } catch (RuntimeException e) {
            throw new InvalidProfileLink();
        }
        if (plain.length <= 1 + Long.BYTES) {
            throw new InvalidProfileLink();
        }
        ByteBuffer buffer = ByteBuffer.wrap(plain, 1, plain.length - 1);
        Instant expiresAt = Instant.ofEpochSecond(buffer.getLong());
        String payload = StandardCharsets.UTF_8.decode(buffer).toString();
        if (!clock.instant().isBefore(expiresAt)) {
            throw new ExpiredProfileLink();
        }
        return new Opened(plain[0], expiresAt, payload);
    }

    private String url(String path, String token) {
        return settings.baseUrl().replaceAll("/+$", "") + path + token;
    }

    private static Instant truncated(Instant instant) {
        return Instant.ofEpochSecond(instant.getEpochSecond());
    }

    /**
     * The configured key, or the one kept in the database for every node. The first node to start after an upgrade
     * keeps the key an earlier version made in its data directory, so that the links it sent out keep working.
     */
    private static String configuredOrKept(ProfileSettings settings, InstallationSecrets secrets, Path dataDir) {
        if (settings.secret() != null && !settings.secret().isBlank()) {
            return settings.secret();
        }
        InstallationSecrets.Kept kept = secrets.keep(SECRET_NAME, () -> formerOrNew(dataDir.resolve(FORMER_KEY_FILE)));
        if (kept.made()) {
            log.info("Made the profile-link key and kept it in the database for every node");
        }
        return kept.value();
    }

    private static String formerOrNew(Path formerFile) {
        try {
            if (Files.exists(formerFile)) {
                log.info("Keeping the profile-link key of {} in the database; the file is no longer read", formerFile);
                return Files.readString(formerFile).strip();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the former profile-link key " + formerFile, e);
        }
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        return ENCODER.encodeToString(random);
    }
}
