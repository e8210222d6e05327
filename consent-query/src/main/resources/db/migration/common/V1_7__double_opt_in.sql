-- Purposes say whether a new consent triggers a confirmation email.
ALTER TABLE purpose_view ADD COLUMN send_confirmation BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE purpose_version_view ADD COLUMN send_confirmation BOOLEAN DEFAULT FALSE NOT NULL;

-- A consent can wait for confirmation (PENDING_CONFIRMATION); the row remembers which confirmation it waits for.
ALTER TABLE contact_basis ALTER COLUMN status SET DATA TYPE VARCHAR(32);
ALTER TABLE contact_basis ADD COLUMN confirmation_id VARCHAR(64);
ALTER TABLE contact_basis ADD COLUMN lapses_at TIMESTAMP WITH TIME ZONE;

-- Sources name the confirmation email template their contacts get (NULL: the standard one).
ALTER TABLE source_view ADD COLUMN confirmation_template VARCHAR(64);
