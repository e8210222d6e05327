package io.consentledger.command.catalog;

import io.consentledger.command.CommandSettings;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.context.annotation.Primary;
import org.springframework.stereotype.Component;

/**
 * The catalog as command handlers use it: an in-memory copy of all purposes and sources (a few dozen rows), read
 * anew from the lookup tables when older than {@code consent.command.catalog-ttl} and dropped as soon as a change
 * on this node commits. Saves two queries on every command.
 */
@Primary
@Component
class CachedCatalog implements Catalog {

    private final JdbcCatalog tables;
    private final long ttlNanos;
    private final AtomicLong generation = new AtomicLong();
    private volatile Copy copy;

    /** One consistent read of the lookup tables. */
    private record Copy(
            Map<String, PurposeRules> purposes, Map<String, SourceRules> sources, long generation, long readAt) {}

    CachedCatalog(JdbcCatalog tables, CommandSettings settings) {
        this.tables = tables;
        this.ttlNanos = settings.catalogTtl().toNanos();
    }

    @Override
    public Optional<PurposeRules> purpose(String purposeId) {
        return Optional.ofNullable(current().purposes().get(purposeId));
    }

    @Override
    public Optional<SourceRules> source(String sourceId) {
        return Optional.ofNullable(current().sources().get(sourceId));
    }

    @Override
    public List<PurposeRules> purposesWithDefaultLegalBasis() {
        return current().purposes().values().stream()
                .filter(purpose -> purpose.active() && purpose.defaultLegalBasis() != null)
                .sorted((a, b) -> a.purposeId().compareTo(b.purposeId()))
                .toList();
    }

    /** Drops the copy; called once a change to the lookup tables has committed. */
    void invalidate() {
        generation.incrementAndGet();
        copy = null;
    }

    private Copy current() {
        Copy current = copy;
        long now = System.nanoTime();
        if (current != null && current.generation() == generation.get() && now - current.readAt() < ttlNanos) {
            return current;
        }
        long readGeneration = generation.get();
        Copy fresh = new Copy(
                tables.allPurposes().stream()
                        .collect(Collectors.toUnmodifiableMap(PurposeRules::purposeId, Function.identity())),
                tables.allSources().stream()
                        .collect(Collectors.toUnmodifiableMap(SourceRules::sourceId, Function.identity())),
                readGeneration,
                now);
        // A change that committed while we read may be missing from what we read: keep it for this call only.
        if (generation.get() == readGeneration) {
            copy = fresh;
        }
        return fresh;
    }
}
