package dev.gcjobs.emulator;

/** A 429 answer: its {@code Retry-After} seconds and, for a named limit, the limit. */
final class TooManyRequests extends ApiError {
  final long retryAfterSeconds;
  final ErrorBody.Limit limit;

  private TooManyRequests(
      String code, String message, long retryAfterSeconds, ErrorBody.Limit limit) {
    super(429, code, message);
    this.retryAfterSeconds = retryAfterSeconds;
    this.limit = limit;
  }

  /** The normalized Genesys rate-limit answer. */
  static TooManyRequests rateLimit(long retryAfterSeconds) {
    return new TooManyRequests(
        "too.many.requests.retry.after",
        "Rate limit exceeded the maximum. Retry the request in [" + retryAfterSeconds + "] seconds",
        retryAfterSeconds,
        null);
  }

  /** A submit refused because the client already runs {@code max} jobs. */
  static TooManyRequests concurrentJobs(int max, long retryAfterSeconds) {
    return new TooManyRequests(
        "too.many.requests",
        "Maximum number of concurrent detail jobs ["
            + max
            + "] reached for this client. Retry the request in ["
            + retryAfterSeconds
            + "] seconds, when a running job completes, or cancel a job",
        retryAfterSeconds,
        new ErrorBody.Limit(JobRegistry.CONCURRENT_LIMIT_KEY, "analytics", max));
  }
}
