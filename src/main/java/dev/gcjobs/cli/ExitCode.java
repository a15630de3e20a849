package dev.gcjobs.cli;

/** The CLI's exit codes. Stable: scripts depend on them, and the README lists them. */
final class ExitCode {
  /** The export finished; every record is written. */
  static final int OK = 0;

  /** Something else went wrong (Genesys kept failing, the output could not be written, ...). */
  static final int FAILURE = 1;

  /** Bad flags or input: nothing was sent, nothing written. */
  static final int USAGE = 2;

  /** Login failed or a permission is missing: check the client id, secret and region. */
  static final int AUTHENTICATION = 3;

  /** A Genesys job FAILED, was cancelled by someone else, or kept expiring. */
  static final int JOB_FAILED = 4;

  /** The --timeout passed; running the same command again resumes. */
  static final int DEADLINE = 5;

  /** Interrupted (Ctrl-C); running the same command again resumes. */
  static final int INTERRUPTED = 130;

  private ExitCode() {}

  /** The exit code of an export that ended with this failure code. */
  static int ofFailure(String code) {
    return switch (code) {
      case "authentication" -> AUTHENTICATION;
      case "job_failed", "job_cancelled", "job_lost", "job_stuck" -> JOB_FAILED;
      case "deadline_exceeded" -> DEADLINE;
      default -> FAILURE;
    };
  }
}
