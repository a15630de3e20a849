-- The dataAvailabilityDate of the last results page a chunk read (epoch milliseconds): Genesys'
-- data lake is complete only up to it, so a chunk whose interval ends later is incomplete.
ALTER TABLE chunks ADD COLUMN data_availability BIGINT;
