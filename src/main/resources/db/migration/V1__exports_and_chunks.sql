-- One SQL for H2 and PostgreSQL: only types and syntax both accept.
-- Instants are BIGINT epoch milliseconds (portable, no time zone surprises).
-- VARCHAR without a length is unbounded in PostgreSQL and up to 1,000,000 characters in H2.

CREATE TABLE exports (
    id               VARCHAR(40)  NOT NULL,
    request_key      VARCHAR(64)  NOT NULL,
    idempotency_key  VARCHAR(255),
    kind             VARCHAR(32)  NOT NULL,
    request_json     VARCHAR      NOT NULL,
    output           VARCHAR      NOT NULL,
    state            VARCHAR(16)  NOT NULL,
    error_code       VARCHAR(64),
    error_message    VARCHAR,
    genesys_message  VARCHAR,
    context_id       VARCHAR(128),
    created_at       BIGINT       NOT NULL,
    updated_at       BIGINT       NOT NULL,
    deadline_at      BIGINT,
    finished_at      BIGINT,
    CONSTRAINT pk_exports PRIMARY KEY (id),
    CONSTRAINT uq_exports_request_key UNIQUE (request_key),
    CONSTRAINT uq_exports_idempotency_key UNIQUE (idempotency_key),
    CONSTRAINT ck_exports_state CHECK (state IN ('RUNNING', 'DONE', 'FAILED', 'CANCELLED'))
);

-- Listing pages newest first by (created_at, id).
CREATE INDEX ix_exports_created ON exports (created_at, id);

CREATE TABLE chunks (
    export_id        VARCHAR(40)  NOT NULL,
    seq              INTEGER      NOT NULL,
    interval_start   BIGINT       NOT NULL,
    interval_end     BIGINT       NOT NULL,
    state            VARCHAR(16)  NOT NULL,
    job_id           VARCHAR(128),
    job_submitted_at BIGINT,
    poll_attempts    INTEGER      NOT NULL,
    cursor           VARCHAR,
    pages            BIGINT       NOT NULL,
    records          BIGINT       NOT NULL,
    part_bytes       BIGINT       NOT NULL,
    resubmits        INTEGER      NOT NULL,
    next_run_at      BIGINT       NOT NULL,
    lease_owner      VARCHAR(128),
    lease_until      BIGINT,
    error_message    VARCHAR,
    version          BIGINT       NOT NULL,
    updated_at       BIGINT       NOT NULL,
    CONSTRAINT pk_chunks PRIMARY KEY (export_id, seq),
    CONSTRAINT fk_chunks_export FOREIGN KEY (export_id) REFERENCES exports (id) ON DELETE CASCADE,
    CONSTRAINT ck_chunks_state CHECK (state IN
        ('PLANNED', 'SUBMITTED', 'POLLING', 'FETCHING', 'DONE', 'FAILED', 'CANCELLED')),
    CONSTRAINT ck_chunks_interval CHECK (interval_start < interval_end)
);

-- Workers look for due chunks: non-terminal state, next_run_at <= now.
CREATE INDEX ix_chunks_due ON chunks (state, next_run_at);
