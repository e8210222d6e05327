-- One key per contact for the personal data in their events (crypto-shredding). Forgetting a contact deletes its row;
-- what the key encrypted can then never be read again. Never copy this table into backups kept longer than needed.
CREATE TABLE contact_key (
    contact_id VARCHAR(128) NOT NULL PRIMARY KEY,
    secret     VARCHAR(64)  NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL
);
