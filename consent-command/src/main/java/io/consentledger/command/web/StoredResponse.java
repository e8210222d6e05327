package io.consentledger.command.web;

/** The first response given to a request with an idempotency key, kept to answer its repeats. */
record StoredResponse(String requestHash, int status, String location, String body) {}
