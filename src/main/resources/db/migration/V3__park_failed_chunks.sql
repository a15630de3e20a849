-- The unfinished chunks of failed exports wait until the export runs again (ChunkRepository.PARKED,
-- 9999-12-31T00:00:00Z), out of the way of the claims, which read due chunks in next_run_at order.
UPDATE chunks SET next_run_at = 253402214400000
WHERE state IN ('PLANNED', 'SUBMITTED', 'POLLING', 'FETCHING')
  AND export_id IN (SELECT id FROM exports WHERE state = 'FAILED');
