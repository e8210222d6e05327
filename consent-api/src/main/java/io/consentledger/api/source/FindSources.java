package io.consentledger.api.source;

/** Asks for the sources, retired ones too when {@code includeRetired}. */
public record FindSources(boolean includeRetired) {}
