-- A contact's key sealed with the key-encryption key ("kek1:" and the Base64 of nonce, key and tag) is 85 characters.
ALTER TABLE contact_key ALTER COLUMN secret SET DATA TYPE VARCHAR(128);
