package dev.gcjobs.engine;

/** Asks Genesys to cancel a running job, or leaves it to expire when no client is at hand. */
@FunctionalInterface
public interface JobCanceller {
  /** Leaves jobs to expire by themselves: for a cancel in the store only, with no credentials. */
  JobCanceller NONE = (kind, jobId) -> {};

  /**
   * Cancels the job, as far as Genesys still knows it.
   *
   * @throws dev.gcjobs.genesys.GenesysException when Genesys refuses or cannot be reached
   */
  void cancel(ExportKind kind, String jobId);
}
