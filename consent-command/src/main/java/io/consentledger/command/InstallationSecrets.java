package io.consentledger.command;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Values an installation makes once and every node sharing the database uses (the profile-link key, the first start's
 * admin): made by the first node that needs one, read by all others, so that no node ever makes its own.
 */
@Component
public class InstallationSecrets {

    private final JdbcClient jdbc;
    private final Clock clock;

    InstallationSecrets(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** A kept value, and whether this call made it. */
    public record Kept(String value, boolean made) {}

    /**
     * The value kept under the name; when there is none yet, the one {@code fresh} makes is kept and returned. When two
     * nodes make one at once, the first to store it wins and the other gets that one.
     */
    public Kept keep(String name, Supplier<String> fresh) {
        Optional<String> kept = find(name);
        if (kept.isPresent()) {
            return new Kept(kept.get(), false);
        }
        String value = fresh.get();
        try {
            jdbc.sql("INSERT INTO installation_secret (name, secret, created_at) VALUES (?, ?, ?)")
                    .params(name, value, OffsetDateTime.now(clock))
                    .update();
            return new Kept(value, true);
        } catch (DuplicateKeyException e) {
            return new Kept(find(name).orElseThrow(() -> e), false);
        }
    }

    /** The value kept under the name, if any. */
    public Optional<String> find(String name) {
        return jdbc.sql("SELECT secret FROM installation_secret WHERE name = ?")
                .param(name)
                .query(String.class)
                .optional();
    }
}
