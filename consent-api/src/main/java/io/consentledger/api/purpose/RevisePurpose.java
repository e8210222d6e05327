package io.consentledger.api.purpose;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Replaces a purpose's terms with a new version; consents keep the version they were given under. */
public record RevisePurpose(@TargetAggregateIdentifier String purposeId, PurposeTerms terms) {}
