-- A purpose's audience (consent-query's Audiences) reads contact_basis by purpose in contact id order; the primary key
-- (contact_id, purpose_id) leads with the contact, so without this index each page of an audience as of an instant
-- scanned the contacts of every purpose, and the audience now scanned the whole table. Here and not among
-- consent-query's migrations because issue 12's Flyway versions are V1_360-V1_379.
CREATE INDEX contact_basis_purpose ON contact_basis (purpose_id, contact_id);
