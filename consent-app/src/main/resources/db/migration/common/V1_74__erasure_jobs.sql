-- Bulk erasure jobs, so that every node answers how one is doing. A job runs on the node that started it ("runner"),
-- which writes its progress and a heartbeat; one whose heartbeat stopped is INTERRUPTED. Contact ids only.
CREATE TABLE erasure_job (
    job_id       VARCHAR(36)  NOT NULL PRIMARY KEY,
    requested_by VARCHAR(200) NOT NULL,
    all_overdue  BOOLEAN      NOT NULL,
    state        VARCHAR(16)  NOT NULL,
    total        INT          NOT NULL,
    processed    INT          NOT NULL,
    erased       INT          NOT NULL,
    failed       INT          NOT NULL,
    runner       VARCHAR(64)  NOT NULL,
    started_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    heartbeat_at TIMESTAMP WITH TIME ZONE NOT NULL,
    finished_at  TIMESTAMP WITH TIME ZONE
);

-- The first failures of a job: which contact, and the problem type slug (no personal data).
CREATE TABLE erasure_job_failure (
    job_id     VARCHAR(36)  NOT NULL,
    position   INT          NOT NULL,
    contact_id VARCHAR(128) NOT NULL,
    problem    VARCHAR(100) NOT NULL,
    PRIMARY KEY (job_id, position)
);
