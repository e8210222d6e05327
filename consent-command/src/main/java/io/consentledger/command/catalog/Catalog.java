package io.consentledger.command.catalog;

import java.util.List;
import java.util.Optional;

/** Looks up purposes and sources for command handlers, and enforces that they exist and are active. */
public interface Catalog {

    Optional<PurposeRules> purpose(String purposeId);

    Optional<SourceRules> source(String sourceId);

    /** Active purposes that give every newly registered contact a default legal basis. */
    List<PurposeRules> purposesWithDefaultLegalBasis();

    default PurposeRules existingPurpose(String purposeId) {
        return purpose(purposeId).orElseThrow(() -> new UnknownPurpose(purposeId));
    }

    default PurposeRules activePurpose(String purposeId) {
        PurposeRules purpose = existingPurpose(purposeId);
        if (!purpose.active()) {
            throw new PurposeIsRetired(purposeId);
        }
        return purpose;
    }

    /** A source that exists, retired or not: what a withdrawal may name (Art. 7(3)). */
    default SourceRules existingSource(String sourceId) {
        return source(sourceId).orElseThrow(() -> new UnknownSource(sourceId));
    }

    /** A source that exists and is not retired: what a new grant, registration or documented basis must name. */
    default SourceRules activeSource(String sourceId) {
        SourceRules source = existingSource(sourceId);
        if (!source.active()) {
            throw new SourceIsRetired(sourceId);
        }
        return source;
    }
}
