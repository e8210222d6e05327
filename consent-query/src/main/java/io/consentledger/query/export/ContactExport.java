package io.consentledger.query.export;

import io.consentledger.api.consent.HistoryEntry;
import io.consentledger.api.contact.ContactDetails;
import java.time.Instant;
import java.util.List;

/**
 * Everything the ledger holds about one contact, as the JSON export gives it (schema
 * {@code docs/contact-export.schema.json}); the workbook shows the same.
 *
 * @param schema the version of this shape, {@value #SCHEMA}
 * @param generatedAt when the export was made
 * @param contact the contact's details (name and email are null once erased)
 * @param legalBasis the contact card's legal-basis line
 * @param purposes where the contact stands for every purpose, with its description
 * @param history every change, oldest first
 * @param emails the confirmation emails: requested, sent and failed attempts
 */
public record ContactExport(
        String schema,
        Instant generatedAt,
        ContactDetails contact,
        String legalBasis,
        List<ExportedStanding> purposes,
        List<HistoryEntry> history,
        List<HistoryEntry> emails) {

    public static final String SCHEMA = "urn:consent-ledger:contact-export:2";
}
