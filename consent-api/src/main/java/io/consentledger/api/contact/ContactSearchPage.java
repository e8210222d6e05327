package io.consentledger.api.contact;

import java.util.List;

/** One page of contacts found by {@link FindContacts}. */
public record ContactSearchPage(String text, int page, int size, long totalElements, List<ContactDetails> items) {}
