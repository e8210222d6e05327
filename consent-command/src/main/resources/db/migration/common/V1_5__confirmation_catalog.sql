-- What the confirmation email needs to know of purposes and sources.
ALTER TABLE command_purpose ADD COLUMN name VARCHAR(200);
ALTER TABLE command_source ADD COLUMN send_confirmation BOOLEAN DEFAULT FALSE NOT NULL;
