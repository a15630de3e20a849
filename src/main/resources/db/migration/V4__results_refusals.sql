-- How often Genesys refused the results of the chunk's current job while its status said
-- FULFILLED: capped, so that a job whose results never come fails instead of cycling forever.
ALTER TABLE chunks ADD COLUMN results_refusals INTEGER DEFAULT 0 NOT NULL;
