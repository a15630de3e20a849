-- The chunk steps run on db-scheduler (store/ChunkSteps): one execution per unfinished chunk of a
-- running export, task 'gcjobs-chunk-step', instance 'exportId/seq', its execution_time the time of
-- the chunk's next step. The table is db-scheduler's own (postgresql_tables.sql of v16.7.1, which
-- H2 2.5 runs unchanged: text is CHARACTER VARYING, bytea BINARY VARYING), under a name of its own
-- so that a schema shared with another application's db-scheduler keeps the two apart: a scheduler
-- deletes the executions of task names it does not know.
CREATE TABLE gcjobs_scheduled_tasks (
    task_name            text                     NOT NULL,
    task_instance        text                     NOT NULL,
    task_data            bytea,
    execution_time       timestamp with time zone NOT NULL,
    picked               BOOLEAN                  NOT NULL,
    picked_by            text,
    last_success         timestamp with time zone,
    last_failure         timestamp with time zone,
    consecutive_failures INT,
    last_heartbeat       timestamp with time zone,
    version              BIGINT                   NOT NULL,
    priority             SMALLINT,
    PRIMARY KEY (task_name, task_instance)
);
CREATE INDEX gcjobs_scheduled_tasks_execution_time ON gcjobs_scheduled_tasks (execution_time);
CREATE INDEX gcjobs_scheduled_tasks_last_heartbeat ON gcjobs_scheduled_tasks (last_heartbeat);
CREATE INDEX gcjobs_scheduled_tasks_priority ON gcjobs_scheduled_tasks (priority DESC, execution_time ASC);

-- Exports running when this version arrives go on: each unfinished chunk's step is due now (steps
-- resume from the chunk's row, so one that comes sooner than planned is only an early look).
INSERT INTO gcjobs_scheduled_tasks (task_name, task_instance, execution_time, picked, version)
SELECT 'gcjobs-chunk-step', c.export_id || '/' || CAST(c.seq AS VARCHAR(11)), CURRENT_TIMESTAMP,
       FALSE, 1
FROM chunks c JOIN exports e ON e.id = c.export_id
WHERE e.state = 'RUNNING' AND c.state IN ('PLANNED', 'SUBMITTED', 'POLLING', 'FETCHING');

-- The schedule and the leases were the chunks' own columns: db-scheduler's table holds them now.
DROP INDEX ix_chunks_due;
ALTER TABLE chunks DROP COLUMN next_run_at;
ALTER TABLE chunks DROP COLUMN lease_owner;
ALTER TABLE chunks DROP COLUMN lease_until;
