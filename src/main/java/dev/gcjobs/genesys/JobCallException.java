package dev.gcjobs.genesys;

/** A failed call about one analytics job, with the job it was about. */
public abstract class JobCallException extends GenesysException {
  private final JobKind kind;
  private final String jobId;

  /** Keeps the status, code, message and request of {@code cause}, with a message of its own. */
  JobCallException(
      String message,
      JobKind kind,
      String jobId,
      GenesysException cause,
      boolean transientFailure) {
    super(
        message + " " + cause.getMessage(),
        cause.status(),
        cause.code(),
        cause.genesysMessage(),
        cause.contextId(),
        cause.method(),
        cause.path(),
        transientFailure,
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
