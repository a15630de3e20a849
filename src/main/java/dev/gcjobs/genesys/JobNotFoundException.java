package dev.gcjobs.genesys;

/**
 * Genesys does not know the job (404 on its status or on cancel): it expired and was removed, or it
 * never existed. Its results are gone; submit the query again.
 */
public class JobNotFoundException extends JobCallException {
  JobNotFoundException(JobKind kind, String jobId, GenesysException cause) {
    super(
        kind.displayName()
            + " job "
            + jobId
            + " is unknown to Genesys (it expired or never existed); submit it again.",
        kind,
        jobId,
        cause,
        false);
  }
}
