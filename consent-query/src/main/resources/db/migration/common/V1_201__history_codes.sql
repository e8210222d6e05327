-- The history stores each change's parameters in columns of their own instead of English sentences in reason, which
-- keeps only what people wrote (withdrawal and end reasons, notes). Rows written before are converted here; the
-- sentences they held were written by the history projection in exactly these shapes.
ALTER TABLE contact_history ADD COLUMN confirm_by VARCHAR(16);
ALTER TABLE contact_history ADD COLUMN confirmation_lapses_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE contact_history ADD COLUMN email_trigger VARCHAR(32);
ALTER TABLE contact_history ADD COLUMN attempt INT;
ALTER TABLE contact_history ADD COLUMN error_kind VARCHAR(64);
ALTER TABLE contact_history ADD COLUMN next_attempt_at TIMESTAMP WITH TIME ZONE;

-- "Waits for confirmation by email until 2026-03-01T12:00:00Z"
UPDATE contact_history
SET confirm_by = UPPER(SUBSTRING(reason FROM 27 FOR POSITION(' until ' IN reason) - 27)),
    confirmation_lapses_at = CAST(SUBSTRING(reason FROM POSITION(' until ' IN reason) + 7) AS TIMESTAMP WITH TIME ZONE),
    reason = NULL
WHERE change = 'CONSENT_CONFIRMATION_REQUESTED' AND reason LIKE 'Waits for confirmation by % until %';

-- "Not confirmed in time"
UPDATE contact_history SET reason = NULL WHERE change = 'CONSENT_LAPSED';

-- "REGISTERED"
UPDATE contact_history SET email_trigger = reason, reason = NULL WHERE change = 'CONFIRMATION_EMAIL_REQUESTED';

-- "Attempt 2"
UPDATE contact_history
SET attempt = CAST(SUBSTRING(reason FROM 9) AS INT),
    reason = NULL
WHERE change = 'CONFIRMATION_EMAIL_SENT' AND reason LIKE 'Attempt %';

-- "Attempt 1 failed (connection); next attempt at 2026-03-01T12:01:00Z"
-- "Attempt 3 failed; no further attempt (consent-lapsed)"
UPDATE contact_history
SET attempt = CAST(SUBSTRING(reason FROM 9 FOR POSITION(' failed' IN reason) - 9) AS INT),
    error_kind = SUBSTRING(reason FROM POSITION('(' IN reason) + 1
                           FOR POSITION(')' IN reason) - POSITION('(' IN reason) - 1),
    next_attempt_at = CASE
        WHEN POSITION(' next attempt at ' IN reason) > 0
        THEN CAST(SUBSTRING(reason FROM POSITION(' next attempt at ' IN reason) + 17) AS TIMESTAMP WITH TIME ZONE)
    END,
    reason = NULL
WHERE change = 'CONFIRMATION_EMAIL_FAILED' AND reason LIKE 'Attempt % failed%(%)%';
