package dev.gcjobs.genesys;

/**
 * Genesys does not know the job (404 on its status or on cancel): it expired and was removed, or it
 * never existed. Its results are gone; submit the query again.
 */
public class JobNotFoundException extends GenesysException {
  private final JobKind kind;
  private final String jobId;

  JobNotFoundException(JobKind kind, String jobId, GenesysException cause) {
    super(
        kind.displayName()
            + " job "
            + jobId
            + " is unknown to Genesys (it expired or never existed); submit it again. "
            + cause.getMessage(),
        cause.status(),
        cause.code(),
        cause.genesysMessage(),
        cause.contextId(),
        cause.method(),
        cause.path(),
        false,
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
