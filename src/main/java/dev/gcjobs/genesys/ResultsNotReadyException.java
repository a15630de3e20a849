package dev.gcjobs.genesys;

/**
 * Genesys answered a 4xx to a request for a job's results. Before the job is FULFILLED that means
 * "not ready" (real Genesys answers 404); it never means "no data". A 404 can also mean the job is
 * gone: {@link AnalyticsJobsApi#status} then throws {@link JobNotFoundException}, which tells the
 * two apart. Transient: the results may be there later.
 */
public class ResultsNotReadyException extends JobCallException {
  ResultsNotReadyException(JobKind kind, String jobId, GenesysException cause) {
    super(
        "results of "
            + kind.displayName()
            + " job "
            + jobId
            + " are not available (the job is not FULFILLED yet, or it is gone; its status tells"
            + " which).",
        kind,
        jobId,
        cause,
        true);
  }
}
