-- Axon's dead-letter queue for the projections (JdbcSequencedDeadLetterQueue, its default schema): events a
-- projection could not process, per processing group and sequence (the contact), in order. Axon writes the times as
-- ISO-8601 text. The payload is stored as in the event store, its personal data encrypted under the contact's key.
CREATE TABLE DeadLetterEntry (
    deadLetterIdentifier VARCHAR(255)  NOT NULL,
    processingGroup      VARCHAR(255)  NOT NULL,
    sequenceIdentifier   VARCHAR(255)  NOT NULL,
    sequenceIndex        BIGINT        NOT NULL,
    messageType          VARCHAR(255)  NOT NULL,
    eventIdentifier      VARCHAR(255)  NOT NULL,
    timestamp            VARCHAR(255)  NOT NULL,
    payloadType          VARCHAR(255)  NOT NULL,
    payloadRevision      VARCHAR(255),
    payload              BLOB          NOT NULL,
    metaData             BLOB,
    type                 VARCHAR(255),
    aggregateIdentifier  VARCHAR(255),
    sequenceNumber       BIGINT,
    tokenType            VARCHAR(255),
    token                BLOB,
    enqueuedAt           VARCHAR(255)  NOT NULL,
    lastTouched          VARCHAR(255),
    processingStarted    VARCHAR(255),
    causeType            VARCHAR(255),
    causeMessage         VARCHAR(1023),
    diagnostics          BLOB,
    PRIMARY KEY (deadLetterIdentifier),
    UNIQUE (processingGroup, sequenceIdentifier, sequenceIndex)
);
