-- Read models. Each table belongs to one projection (processing group) and is emptied by its reset handler.

-- catalog
CREATE TABLE purpose_view (
    purpose_id          VARCHAR(64)    NOT NULL PRIMARY KEY,
    version             INT            NOT NULL,
    name                VARCHAR(200)   NOT NULL,
    description         VARCHAR(2000),
    consent_text        VARCHAR(10000),
    privacy_notice_url  VARCHAR(2048),
    requires_consent    BOOLEAN        NOT NULL,
    double_opt_in       BOOLEAN        NOT NULL,
    default_legal_basis VARCHAR(32),
    retention           VARCHAR(32),
    active              BOOLEAN        NOT NULL,
    defined_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    changed_at          TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE purpose_version_view (
    purpose_id          VARCHAR(64)    NOT NULL,
    version             INT            NOT NULL,
    name                VARCHAR(200)   NOT NULL,
    description         VARCHAR(2000),
    consent_text        VARCHAR(10000),
    privacy_notice_url  VARCHAR(2048),
    requires_consent    BOOLEAN        NOT NULL,
    double_opt_in       BOOLEAN        NOT NULL,
    default_legal_basis VARCHAR(32),
    retention           VARCHAR(32),
    valid_from          TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (purpose_id, version)
);

CREATE TABLE source_view (
    source_id   VARCHAR(64)   NOT NULL PRIMARY KEY,
    name        VARCHAR(200)  NOT NULL,
    description VARCHAR(2000),
    active      BOOLEAN       NOT NULL,
    defined_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

-- legal-basis
CREATE TABLE contact_view (
    contact_id    VARCHAR(128) NOT NULL PRIMARY KEY,
    name          VARCHAR(200) NOT NULL,
    email         VARCHAR(254) NOT NULL,
    source_id     VARCHAR(64)  NOT NULL,
    registered_at TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at    TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE contact_basis (
    contact_id      VARCHAR(128) NOT NULL,
    purpose_id      VARCHAR(64)  NOT NULL,
    legal_basis     VARCHAR(32)  NOT NULL,
    status          VARCHAR(16)  NOT NULL,
    purpose_version INT          NOT NULL,
    since           TIMESTAMP WITH TIME ZONE NOT NULL,
    source_id       VARCHAR(64),
    recorded_by     VARCHAR(200),
    valid_until     TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (contact_id, purpose_id)
);

-- history
CREATE TABLE contact_history (
    contact_id      VARCHAR(128) NOT NULL,
    seq             BIGINT       NOT NULL,
    recorded_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    captured_at     TIMESTAMP WITH TIME ZONE,
    actor           VARCHAR(200),
    actor_role      VARCHAR(200),
    channel         VARCHAR(32),
    change          VARCHAR(40)  NOT NULL,
    purpose_id      VARCHAR(64),
    purpose_version INT,
    legal_basis     VARCHAR(32),
    source_id       VARCHAR(64),
    source_detail   VARCHAR(500),
    reason          VARCHAR(2000),
    PRIMARY KEY (contact_id, seq)
);
