-- Claims read the due chunks of each unfinished state in (next_run_at, export_id, seq) order
-- straight from this index and stop after a few (ChunkRepository.DUE_ANYWHERE); with the index on
-- (state, next_run_at) alone they read and sorted every due chunk.
DROP INDEX ix_chunks_due;
CREATE INDEX ix_chunks_due ON chunks (state, next_run_at, export_id, seq);
