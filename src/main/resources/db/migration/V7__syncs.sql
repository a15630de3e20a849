-- Syncs (gcjobs sync, POST /v1/syncs): a series of exports into one table destination.
-- V6 is left to the scheduler's table. Instants are BIGINT epoch milliseconds, as in V1.

CREATE TABLE syncs (
    id                VARCHAR(64)  NOT NULL,
    destination       VARCHAR(1000) NOT NULL,
    kind              VARCHAR(32)  NOT NULL,
    definition_json   VARCHAR      NOT NULL,
    paused            BOOLEAN      NOT NULL,
    -- Up to when the destination equals Genesys; null until the first cycle ends.
    watermark         BIGINT,
    last_reconcile_at BIGINT,
    -- The process running a cycle now, and until when its claim holds without renewal.
    owner             VARCHAR(128),
    owner_until       BIGINT,
    created_at        BIGINT       NOT NULL,
    updated_at        BIGINT       NOT NULL,
    CONSTRAINT pk_syncs PRIMARY KEY (id),
    -- One sync per destination and kind: two would fight over the same rows.
    CONSTRAINT uq_syncs_destination_kind UNIQUE (destination, kind)
);

CREATE TABLE sync_cycles (
    sync_id          VARCHAR(64)  NOT NULL,
    seq              INTEGER      NOT NULL,
    state            VARCHAR(16)  NOT NULL,
    reconcile        BOOLEAN      NOT NULL,
    window_start     BIGINT       NOT NULL,
    window_end       BIGINT       NOT NULL,
    watermark_before BIGINT,
    started_at       BIGINT       NOT NULL,
    finished_at      BIGINT,
    export_id        VARCHAR(40),
    new_count        BIGINT,
    changed_count    BIGINT,
    deleted_count    BIGINT,
    unchanged_count  BIGINT,
    requests         BIGINT,
    error_message    VARCHAR,
    CONSTRAINT pk_sync_cycles PRIMARY KEY (sync_id, seq),
    CONSTRAINT fk_sync_cycles_sync FOREIGN KEY (sync_id) REFERENCES syncs (id) ON DELETE CASCADE,
    CONSTRAINT ck_sync_cycles_state CHECK (state IN ('RUNNING', 'DONE', 'FAILED'))
);
