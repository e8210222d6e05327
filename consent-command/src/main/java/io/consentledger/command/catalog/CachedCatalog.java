package io.consentledger.command.catalog;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.springframework.context.annotation.Primary;
import org.springframework.stereotype.Component;

/**
 * The catalog as command handlers use it: an in-memory copy of all purposes and sources (a few dozen rows), used as
 * long as the catalog's version (a one-row table that {@link CatalogUpdater} bumps in the transaction of every change)
 * is the one the copy was read at. The version is read once per unit of work, so a command on any node sees every change
 * committed before it began, at the cost of one primary-key read instead of two queries; the commands an event
 * processor sends while it handles a batch (an import's chunk: hundreds of rows in one transaction) share the version
 * read by the first of them, as they share their transaction.
 */
@Primary
@Component
class CachedCatalog implements Catalog {

    /** The unit-of-work resource that keeps the version read for the command being handled. */
    static final String VERSION_RESOURCE = CachedCatalog.class.getName() + ".version";

    private final JdbcCatalog tables;
    private volatile Copy copy;

    /** The lookup tables as they were at a version (or later: the version is read first). */
    private record Copy(Map<String, PurposeRules> purposes, Map<String, SourceRules> sources, long version) {}

    CachedCatalog(JdbcCatalog tables) {
        this.tables = tables;
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

    private Copy current() {
        long version = version();
        Copy current = copy;
        if (current != null && current.version() == version) {
            return current;
        }
        // Read after the version, the tables hold at least that version's changes; a copy labelled older than its
        // content only costs one more reload.
        Copy fresh = new Copy(
                tables.allPurposes().stream()
                        .collect(Collectors.toUnmodifiableMap(PurposeRules::purposeId, Function.identity())),
                tables.allSources().stream()
                        .collect(Collectors.toUnmodifiableMap(SourceRules::sourceId, Function.identity())),
                version);
        copy = fresh;
        return fresh;
    }

    /**
     * The catalog's version: once per root unit of work (one command, or a processor's batch with the commands it sends),
     * or on every call outside one.
     */
    private long version() {
        if (CurrentUnitOfWork.isStarted()) {
            return CurrentUnitOfWork.get().root().getOrComputeResource(VERSION_RESOURCE, key -> tables.version());
        }
        return tables.version();
    }
}
