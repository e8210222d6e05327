package io.consentledger.api.contact;

import org.axonframework.serialization.Revision;

/**
 * The contact's personal data was erased: their key is deleted, so every {@code PersonalData} component of their
 * events is unreadable from now on. Ids, purposes, versions, legal bases, times and staff actors remain.
 */
@Revision("1")
public record ContactErased(String contactId) {}
