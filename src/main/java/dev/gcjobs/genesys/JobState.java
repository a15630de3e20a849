package dev.gcjobs.genesys;

/** The state of an analytics detail job, as Genesys reports it. */
public enum JobState {
  /** Accepted, waiting to run. */
  QUEUED,
  /** Running. */
  PENDING,
  /** Done: results can be read. */
  FULFILLED,
  /** Failed; the status's errorMessage says why. */
  FAILED,
  /** Cancelled by a DELETE. */
  CANCELLED,
  /** Its results were deleted; the job must be submitted again. */
  EXPIRED,
  /** A state this version of gcjobs does not know; treat as a failure, never wait on it. */
  UNKNOWN;

  /** The state named {@code value}, or {@link #UNKNOWN}. */
  public static JobState of(String value) {
    if (value == null) {
      return UNKNOWN;
    }
    for (JobState s : values()) {
      if (s != UNKNOWN && s.name().equals(value)) {
        return s;
      }
    }
    return UNKNOWN;
  }

  /** Whether the job will not change state any more. */
  public boolean isTerminal() {
    return this != QUEUED && this != PENDING;
  }
}
