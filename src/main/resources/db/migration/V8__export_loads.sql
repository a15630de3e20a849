-- Exports of the service that end in a named table destination (POST /v1/exports with
-- "destination"): the wish is stored with the export, so a service restarted before the export
-- ends still loads it. Instants are BIGINT epoch milliseconds, as in V1.

CREATE TABLE export_loads (
    export_id       VARCHAR(40)  NOT NULL,
    -- The name the service's operators gave the destination, never a path or URL.
    destination     VARCHAR(64)  NOT NULL,
    state           VARCHAR(16)  NOT NULL,
    new_count       BIGINT,
    changed_count   BIGINT,
    unchanged_count BIGINT,
    -- Why the load failed (FAILED), or why its last try did (PENDING, tried again).
    error_message   VARCHAR,
    created_at      BIGINT       NOT NULL,
    updated_at      BIGINT       NOT NULL,
    finished_at     BIGINT,
    CONSTRAINT pk_export_loads PRIMARY KEY (export_id),
    CONSTRAINT ck_export_loads_state CHECK (state IN ('PENDING', 'DONE', 'FAILED'))
);

CREATE INDEX ix_export_loads_state ON export_loads (state);
