-- Purposes say whether a new consent triggers a confirmation email.
ALTER TABLE command_purpose ADD COLUMN send_confirmation BOOLEAN DEFAULT FALSE NOT NULL;

-- Sources name the confirmation email template their contacts get (NULL: the standard one).
ALTER TABLE command_source ADD COLUMN confirmation_template VARCHAR(64);
