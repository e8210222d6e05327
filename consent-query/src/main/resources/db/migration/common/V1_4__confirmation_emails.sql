-- Sources say whether contacts registered from them get a confirmation email.
ALTER TABLE source_view ADD COLUMN send_confirmation BOOLEAN DEFAULT FALSE NOT NULL;
