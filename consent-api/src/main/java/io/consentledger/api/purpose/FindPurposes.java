package io.consentledger.api.purpose;

/** Asks for the purposes, retired ones too when {@code includeRetired}. */
public record FindPurposes(boolean includeRetired) {}
