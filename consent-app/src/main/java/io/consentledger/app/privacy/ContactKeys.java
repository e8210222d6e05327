package io.consentledger.app.privacy;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * One AES-256 key per contact, kept in the {@code contact_key} table and cached briefly in memory. Encryption is
 * AES-GCM with a random nonce and the contact id as associated data, so a value cannot be moved to another contact.
 * Erasing deletes the key: what it encrypted can never be read again. With a key-encryption key configured, the
 * stored keys are themselves AES-GCM-sealed with it ({@code kek1:} prefix); keys stored before stay readable.
 *
 * <p>A transaction that works on many contacts at once (an import's chunk) looks their keys up in one query first
 * ({@link #lookUp}); then the keys it needs come from that lookup, and the keys it makes are inserted in one batch just
 * before it commits.
 */
@Component
public class ContactKeys {

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();
    /**
     * Per thread, because every grant encrypts a few fields and every projection decrypts them: looking up a cipher
     * and reading the OS's random source under a lock on each value cost measurable throughput.
     */
    private static final ThreadLocal<Cipher> CIPHERS = ThreadLocal.withInitial(ContactKeys::newCipher);

    private static final ThreadLocal<SecureRandom> NONCES = ThreadLocal.withInitial(ContactKeys::newNonceSource);

    /** PostgreSQL takes at most 65,535 parameters in a statement. */
    private static final int IDS_PER_QUERY = 1000;

    /** How a key sealed with the key-encryption key is marked in the table; plain Base64 has no colon. */
    static final String SEALED = "kek1:";

    private final JdbcClient jdbc;
    private final JdbcTemplate batches;
    private final Clock clock;
    private final Cache<String, byte[]> cache;
    private final byte[] keyEncryptionKey;

    ContactKeys(JdbcClient jdbc, JdbcTemplate batches, Clock clock, PrivacySettings settings) {
        this.jdbc = jdbc;
        this.batches = batches;
        this.clock = clock;
        this.keyEncryptionKey = keyEncryptionKey(settings.keyEncryptionKey());
        this.cache = Caffeine.newBuilder()
                .maximumSize(settings.cachedKeys())
                .expireAfterWrite(settings.keyCacheTtl())
                .build();
    }

    /**
     * Reads the keys of these contacts in one query, for the rest of the current transaction: a key found is used
     * without another read, and a key missing is made in memory on first use and inserted with the others just before
     * the transaction commits (a concurrent transaction that made the same key first makes that insert fail, and the
     * transaction with it). Does nothing outside a transaction.
     */
    public void lookUp(Collection<String> contactIds) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return;
        }
        Lookup lookup = lookup().orElseGet(this::startLookup);
        List<String> ids = contactIds.stream().distinct().toList();
        for (int from = 0; from < ids.size(); from += IDS_PER_QUERY) {
            List<String> part = ids.subList(from, Math.min(ids.size(), from + IDS_PER_QUERY));
            lookup.missing.addAll(part);
            jdbc.sql("SELECT contact_id, secret FROM contact_key WHERE contact_id IN (:ids)")
                    .param("ids", part)
                    .query(rs -> {
                        String contactId = rs.getString("contact_id");
                        lookup.missing.remove(contactId);
                        lookup.keys.put(contactId, unwrapped(contactId, rs.getString("secret")));
                    });
        }
    }

    /** Encrypts a value with the contact's key, making the key on first use. */
    String encrypt(String contactId, String plain) {
        byte[] key = key(contactId).orElseGet(() -> created(contactId));
        return Base64.getEncoder().encodeToString(seal(key, contactId, plain.getBytes(StandardCharsets.UTF_8)));
    }

    /** Decrypts a value, or empty when the contact was erased (the key is gone). */
    Optional<String> decrypt(String contactId, String encrypted) {
        return key(contactId)
                .map(key -> new String(
                        open(key, contactId, Base64.getDecoder().decode(encrypted)), StandardCharsets.UTF_8));
    }

    /** AES-GCM: a fresh nonce, then the ciphertext and tag; the contact id is the associated data. */
    static byte[] seal(byte[] key, String contactId, byte[] plain) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            NONCES.get().nextBytes(nonce);
            byte[] sealed = cipher(Cipher.ENCRYPT_MODE, key, nonce, contactId).doFinal(plain);
            return ByteBuffer.allocate(NONCE_BYTES + sealed.length)
                    .put(nonce)
                    .put(sealed)
                    .array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every JDK", e);
        }
    }

    static byte[] open(byte[] key, String contactId, byte[] bytes) {
        try {
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, key, Arrays.copyOf(bytes, NONCE_BYTES), contactId);
            return cipher.doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("A value of contact " + contactId + " does not open with its key", e);
        }
    }

    /** Deletes the contact's key for good; returns whether there was one. */
    public boolean erase(String contactId) {
        int deleted = jdbc.sql("DELETE FROM contact_key WHERE contact_id = ?")
                .param(contactId)
                .update();
        cache.invalidate(contactId);
        lookup().ifPresent(lookup -> {
            lookup.keys.remove(contactId);
            lookup.made.remove(contactId);
            lookup.missing.add(contactId);
        });
        // A reader on another thread may have put the key back before the deletion committed.
        afterCommit(() -> cache.invalidate(contactId));
        return deleted > 0;
    }

    /** The key, from memory or the table; a missing key is not remembered, as another node may make it any moment. */
    private Optional<byte[]> key(String contactId) {
        Optional<Lookup> lookup = lookup();
        if (lookup.isPresent()) {
            byte[] found = lookup.get().keys.get(contactId);
            if (found != null || lookup.get().missing.contains(contactId)) {
                return Optional.ofNullable(found);
            }
        }
        byte[] cached = cache.getIfPresent(contactId);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<byte[]> stored = stored(contactId);
        stored.ifPresent(key -> remember(contactId, key));
        return stored;
    }

    /**
     * Keeps a key in memory once the transaction that read or made it has committed: one that rolls back (say, a
     * second registration under an erased id, whose own uncommitted key it can read) must leave nothing behind.
     */
    private void remember(String contactId, byte[] key) {
        afterCommit(() -> cache.put(contactId, key));
    }

    private static void afterCommit(Runnable action) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    action.run();
                }
            });
        } else {
            action.run();
        }
    }

    private Optional<byte[]> stored(String contactId) {
        return jdbc.sql("SELECT secret FROM contact_key WHERE contact_id = ?")
                .param(contactId)
                .query(String.class)
                .optional()
                .map(secret -> unwrapped(contactId, secret));
    }

    /** The key as stored: sealed with the key-encryption key when one is configured, else as it is. */
    private String wrapped(String contactId, byte[] key) {
        if (keyEncryptionKey == null) {
            return Base64.getEncoder().encodeToString(key);
        }
        return SEALED + Base64.getEncoder().encodeToString(seal(keyEncryptionKey, contactId, key));
    }

    private byte[] unwrapped(String contactId, String secret) {
        if (!secret.startsWith(SEALED)) {
            return Base64.getDecoder().decode(secret);
        }
        if (keyEncryptionKey == null) {
            throw new IllegalStateException(
                    "The key of contact " + contactId
                            + " is sealed with a key-encryption key, and none is configured (consent.privacy.key-encryption-key)");
        }
        return open(keyEncryptionKey, contactId, Base64.getDecoder().decode(secret.substring(SEALED.length())));
    }

    static byte[] keyEncryptionKey(String configured) {
        if (configured == null || configured.isBlank()) {
            return null;
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(configured.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("consent.privacy.key-encryption-key is not Base64", e);
        }
        if (key.length != 32) {
            throw new IllegalStateException(
                    "consent.privacy.key-encryption-key must be 32 bytes (AES-256), not " + key.length);
        }
        return key;
    }

    /** A new key, or the one a concurrent transaction made first. */
    private byte[] created(String contactId) {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        Optional<Lookup> lookup = lookup();
        if (lookup.isPresent() && lookup.get().missing.remove(contactId)) {
            lookup.get().keys.put(contactId, key);
            lookup.get().made.put(contactId, key);
            return key;
        }
        try {
            jdbc.sql("INSERT INTO contact_key (contact_id, secret, created_at) VALUES (?, ?, ?)")
                    .params(contactId, wrapped(contactId, key), OffsetDateTime.now(clock))
                    .update();
        } catch (DuplicateKeyException e) {
            return stored(contactId).orElseThrow(() -> e);
        }
        remember(contactId, key);
        return key;
    }

    /** The keys of the current transaction's {@link #lookUp}: found, known to be missing, and made since. */
    private static final class Lookup {
        private final Map<String, byte[]> keys = new HashMap<>();
        private final Set<String> missing = new HashSet<>();
        private final Map<String, byte[]> made = new LinkedHashMap<>();
    }

    private Optional<Lookup> lookup() {
        return TransactionSynchronizationManager.isSynchronizationActive()
                ? Optional.ofNullable((Lookup) TransactionSynchronizationManager.getResource(this))
                : Optional.empty();
    }

    /** Binds a lookup to the current transaction: its new keys inserted before the commit, all of them kept after. */
    private Lookup startLookup() {
        Lookup lookup = new Lookup();
        TransactionSynchronizationManager.bindResource(this, lookup);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void beforeCommit(boolean readOnly) {
                insert(lookup.made);
            }

            @Override
            public void afterCommit() {
                lookup.keys.forEach(cache::put);
            }

            @Override
            public void afterCompletion(int status) {
                TransactionSynchronizationManager.unbindResourceIfPossible(ContactKeys.this);
            }
        });
        return lookup;
    }

    /** Inserts new keys in one batch. */
    private void insert(Map<String, byte[]> made) {
        if (made.isEmpty()) {
            return;
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        List<Map.Entry<String, byte[]>> keys = List.copyOf(made.entrySet());
        batches.batchUpdate(
                "INSERT INTO contact_key (contact_id, secret, created_at) VALUES (?, ?, ?)",
                keys,
                keys.size(),
                (statement, key) -> {
                    statement.setString(1, key.getKey());
                    statement.setString(2, wrapped(key.getKey(), key.getValue()));
                    statement.setObject(3, now);
                });
    }

    private static Cipher cipher(int mode, byte[] key, byte[] nonce, String contactId) throws GeneralSecurityException {
        Cipher cipher = CIPHERS.get();
        cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(contactId.getBytes(StandardCharsets.UTF_8));
        return cipher;
    }

    private static Cipher newCipher() {
        try {
            return Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every JDK", e);
        }
    }

    /** A DRBG (NIST SP 800-90A) seeded from the OS once per thread; it makes the 96-bit nonces of AES-GCM. */
    private static SecureRandom newNonceSource() {
        try {
            return SecureRandom.getInstance("DRBG");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("DRBG is part of every JDK since 9", e);
        }
    }
}
