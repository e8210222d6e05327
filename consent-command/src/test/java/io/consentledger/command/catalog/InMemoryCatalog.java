package io.consentledger.command.catalog;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A catalog held in maps, for aggregate tests that run without a database. */
public final class InMemoryCatalog implements Catalog {

    private final Map<String, PurposeRules> purposes = new LinkedHashMap<>();
    private final Map<String, SourceRules> sources = new LinkedHashMap<>();

    public InMemoryCatalog purpose(PurposeRules purpose) {
        purposes.put(purpose.purposeId(), purpose);
        return this;
    }

    public InMemoryCatalog source(SourceRules source) {
        sources.put(source.sourceId(), source);
        return this;
    }

    @Override
    public Optional<PurposeRules> purpose(String purposeId) {
        return Optional.ofNullable(purposes.get(purposeId));
    }

    @Override
    public Optional<SourceRules> source(String sourceId) {
        return Optional.ofNullable(sources.get(sourceId));
    }

    @Override
    public List<PurposeRules> purposesWithDefaultLegalBasis() {
        List<PurposeRules> result = new ArrayList<>();
        for (PurposeRules purpose : purposes.values()) {
            if (purpose.active() && purpose.defaultLegalBasis() != null) {
                result.add(purpose);
            }
        }
        return result;
    }
}
