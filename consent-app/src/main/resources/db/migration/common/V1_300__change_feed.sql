-- The change feed (consent-query's change-feed projection, io.consentledger.query.feed): every change to a contact's
-- standing and every erasure, keyed by its event's global position in the event store, ids and codes only. Here and
-- not among consent-query's migrations because issue 12's Flyway versions are V1_300-V1_309.
CREATE TABLE change_feed (
    event_position  BIGINT                   NOT NULL,
    contact_id      VARCHAR(128)             NOT NULL,
    purpose_id      VARCHAR(64),
    change          VARCHAR(40)              NOT NULL,
    status          VARCHAR(32)              NOT NULL,
    legal_basis     VARCHAR(32),
    purpose_version INTEGER,
    source_id       VARCHAR(64),
    valid_until     TIMESTAMP WITH TIME ZONE,
    actor           VARCHAR(255),
    channel         VARCHAR(32),
    occurred_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    recorded_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (event_position)
);
