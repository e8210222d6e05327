-- Bulk imports (package io.consentledger.app.imports). import_job: each import's state and counts, readable on every
-- node; the chunk that processed rows updates it in its own transaction. Ids, counts and the caller only.
CREATE TABLE import_job (
    import_id         VARCHAR(36)  NOT NULL PRIMARY KEY,
    requested_by      VARCHAR(200) NOT NULL,
    requested_role    VARCHAR(200) NOT NULL,
    media_type        VARCHAR(40)  NOT NULL,
    dry_run           BOOLEAN      NOT NULL,
    send_confirmation BOOLEAN      NOT NULL,
    state             VARCHAR(16)  NOT NULL,
    total             BIGINT       NOT NULL,
    processed         BIGINT       NOT NULL,
    imported          BIGINT       NOT NULL,
    skipped           BIGINT       NOT NULL,
    failed            BIGINT       NOT NULL,
    chunks            INT          NOT NULL,
    received_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    finished_at       TIMESTAMP WITH TIME ZONE
);

-- The rows of an import waiting to be processed, as JSON. They hold personal data in clear: each is deleted in the
-- transaction that processes it, and none is ever logged.
CREATE TABLE import_row (
    import_id VARCHAR(36)    NOT NULL,
    row_no    BIGINT         NOT NULL,
    row_data  VARCHAR(65536) NOT NULL,
    PRIMARY KEY (import_id, row_no)
);

-- Every refused row of an import: its number, the field to blame, the problem type slug and a reason that holds none
-- of the row's values.
CREATE TABLE import_error (
    import_id VARCHAR(36)   NOT NULL,
    row_no    BIGINT        NOT NULL,
    field     VARCHAR(64),
    kind      VARCHAR(64)   NOT NULL,
    reason    VARCHAR(1000) NOT NULL,
    PRIMARY KEY (import_id, row_no)
);
