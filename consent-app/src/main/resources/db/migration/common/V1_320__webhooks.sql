-- Webhook subscribers (ADMIN registers them). The cursor of each is its tracking processor's token in Axon's token
-- table (processor "webhook-<id>"); this row holds what every node needs to run and show it: where to deliver, the
-- filters, the secret (sealed with the key-encryption key when one is configured, as the contacts' keys are), the
-- state, and how deliveries are going. Ids and codes only: no personal data.
CREATE TABLE webhook_subscriber (
    webhook_id           VARCHAR(36)   NOT NULL PRIMARY KEY,
    url                  VARCHAR(2000) NOT NULL,
    description          VARCHAR(500),
    -- Comma-separated Change codes and purpose ids; NULL: every one.
    change_filter        VARCHAR(1000),
    purpose_filter       VARCHAR(4000),
    secret               VARCHAR(200)  NOT NULL,
    -- ACTIVE, PAUSED, or DELETED (stopped everywhere, its token deleted, then the row).
    state                VARCHAR(16)   NOT NULL,
    paused_reason        VARCHAR(500),
    -- A replay waiting to be applied to the token: the position to deliver after (-1: from the beginning).
    reset_to             BIGINT,
    -- How many replays were asked for: part of every delivery id, so that a replayed batch gets a new one.
    replays              INT           NOT NULL,
    created_by           VARCHAR(200)  NOT NULL,
    created_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    last_delivery_at     TIMESTAMP WITH TIME ZONE,
    -- The receiver's HTTP status, or what went wrong without one (timeout, refused-address, connection-failed).
    last_delivery_status VARCHAR(32),
    consecutive_failures INT           NOT NULL,
    failing_since        TIMESTAMP WITH TIME ZONE,
    next_attempt_at      TIMESTAMP WITH TIME ZONE
);
