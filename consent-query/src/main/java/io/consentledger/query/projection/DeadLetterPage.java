package io.consentledger.query.projection;

import java.util.List;

/** One page of a projection's dead letters, by sequence and then in the order they must be processed. */
public record DeadLetterPage(String projection, int page, int size, long totalElements, List<DeadLetterView> items) {}
