package dev.gcjobs.genesys;

/**
 * Genesys answered a 4xx to a request for a job's results. Before the job is FULFILLED that means
 * "not ready" (real Genesys answers 404); it never means "no data". A 404 can also mean the job is
 * gone: {@link AnalyticsJobsApi#status} then throws {@link JobNotFoundException}, which tells the
 * two apart. Transient: the results may be there later.
 */
public class ResultsNotReadyException extends GenesysException {
  private final JobKind kind;
  private final String jobId;

  ResultsNotReadyException(JobKind kind, String jobId, GenesysException cause) {
    super(
        "results of "
            + kind.displayName()
            + " job "
            + jobId
            + " are not available (the job is not FULFILLED yet, or it is gone; its status tells"
            + " which). "
            + cause.getMessage(),
        cause.status(),
        cause.code(),
        cause.genesysMessage(),
        cause.contextId(),
        cause.method(),
        cause.path(),
        true,
        cause);
    this.kind = kind;
    this.jobId = jobId;
  }

  /** The kind of the job. */
  public JobKind kind() {
    return kind;
  }

  /** The job's id. */
  public String jobId() {
    return jobId;
  }
}
