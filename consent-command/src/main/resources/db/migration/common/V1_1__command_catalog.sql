-- Command-side lookup tables, written in the transaction that stores the purpose/source events.
CREATE TABLE command_purpose (
    purpose_id          VARCHAR(64) NOT NULL PRIMARY KEY,
    version             INT         NOT NULL,
    active              BOOLEAN     NOT NULL,
    requires_consent    BOOLEAN     NOT NULL,
    double_opt_in       BOOLEAN     NOT NULL,
    default_legal_basis VARCHAR(32)
);

CREATE TABLE command_source (
    source_id VARCHAR(64) NOT NULL PRIMARY KEY,
    active    BOOLEAN     NOT NULL
);

-- First responses to requests with an Idempotency-Key, written in the transaction that stores their events.
CREATE TABLE idempotent_request (
    principal         VARCHAR(200)   NOT NULL,
    idempotency_key   VARCHAR(200)   NOT NULL,
    request_hash      VARCHAR(64)    NOT NULL,
    response_status   INT            NOT NULL,
    response_location VARCHAR(2048),
    response_body     VARCHAR(65536) NOT NULL,
    created_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (principal, idempotency_key)
);
