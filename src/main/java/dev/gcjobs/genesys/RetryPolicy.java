package dev.gcjobs.genesys;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * How the client retries one call after a transient failure: exponential backoff with full jitter,
 * capped, within a deadline for the whole call. Immutable and validated; the run state (attempts
 * made, the deadline) belongs to the call.
 *
 * <p>The n-th retry waits a random time in {@code [0, min(maxDelay, baseDelay * 2^(n-1)))} ("full
 * jitter", so that many callers failing together do not retry together), except after a 429 with
 * {@code Retry-After}, which is waited exactly. No wait ever ends after the call's deadline: a
 * retry that would is not made, and the call fails instead.
 *
 * @param maxAttempts the most attempts of one call, the first included (at least 1)
 * @param baseDelay the backoff ceiling of the first retry (positive)
 * @param maxDelay the largest backoff ceiling, whatever the attempt (at least {@code baseDelay})
 * @param callDeadline the longest time one call may take, retries and waits included (positive)
 */
public record RetryPolicy(
    int maxAttempts, Duration baseDelay, Duration maxDelay, Duration callDeadline) {

  /** Ten attempts: even at a 50% failure rate a call fails for good once in a thousand. */
  public static final int DEFAULT_MAX_ATTEMPTS = 10;

  /** Half a second: long enough for a blip to pass, short enough not to be noticed. */
  public static final Duration DEFAULT_BASE_DELAY = Duration.ofMillis(500);

  /** Thirty seconds: about a rate-limit window's half; longer waits come from Retry-After. */
  public static final Duration DEFAULT_MAX_DELAY = Duration.ofSeconds(30);

  /** Five minutes: a rate-limit window and several backoffs fit, a stuck export is noticed. */
  public static final Duration DEFAULT_CALL_DEADLINE = Duration.ofMinutes(5);

  /** The defaults above. */
  public static final RetryPolicy DEFAULT =
      new RetryPolicy(
          DEFAULT_MAX_ATTEMPTS, DEFAULT_BASE_DELAY, DEFAULT_MAX_DELAY, DEFAULT_CALL_DEADLINE);

  /**
   * @throws GenesysConfigException when a bound is not positive or the cap is below the base
   */
  public RetryPolicy {
    if (maxAttempts < 1) {
      throw new GenesysConfigException(
          "retry max attempts", "must be at least 1 (1 means no retries), got " + maxAttempts);
    }
    requirePositive(baseDelay, "retry base delay");
    requirePositive(maxDelay, "retry max delay");
    requirePositive(callDeadline, "call deadline");
    if (maxDelay.compareTo(baseDelay) < 0) {
      throw new GenesysConfigException(
          "retry max delay",
          "must be at least the base delay (" + baseDelay + "), got " + maxDelay);
    }
  }

  private static void requirePositive(Duration d, String setting) {
    if (d == null || d.isNegative() || d.isZero()) {
      throw new GenesysConfigException(setting, "must be a positive duration, got " + d);
    }
  }

  /** A copy with another number of attempts. */
  public RetryPolicy withMaxAttempts(int attempts) {
    return new RetryPolicy(attempts, baseDelay, maxDelay, callDeadline);
  }

  /** A copy with other backoff bounds. */
  public RetryPolicy withBackoff(Duration base, Duration max) {
    return new RetryPolicy(maxAttempts, base, max, callDeadline);
  }

  /** A copy with another call deadline. */
  public RetryPolicy withCallDeadline(Duration deadline) {
    return new RetryPolicy(maxAttempts, baseDelay, maxDelay, deadline);
  }

  /**
   * The full-jitter backoff before retry number {@code retry} (1 for the first retry).
   *
   * @param random a uniform random number in {@code [0, 1)}
   * @return a delay in {@code [0, min(maxDelay, baseDelay * 2^(retry-1))]}, never above {@code
   *     maxDelay}
   */
  public Duration backoff(int retry, double random) {
    long capNanos = maxDelay.toNanos();
    long ceilingNanos = baseDelay.toNanos();
    // Doubling stops at the cap, so large retry numbers cannot overflow.
    for (int i = 1; i < retry && ceilingNanos < capNanos; i++) {
      ceilingNanos = ceilingNanos > capNanos / 2 ? capNanos : ceilingNanos * 2;
    }
    ceilingNanos = Math.min(ceilingNanos, capNanos);
    double r = Math.min(Math.max(random, 0.0), 1.0);
    return Duration.ofNanos((long) (r * ceilingNanos));
  }

  /**
   * Whether to retry after a transient failure, and how long to wait first.
   *
   * @param attemptsMade attempts made so far, the failed one included
   * @param retryAfter the server's {@code Retry-After}, or null to back off with jitter
   * @param now the current time
   * @param deadline the call's deadline (its start plus {@link #callDeadline()})
   * @param random a uniform random number in {@code [0, 1)}
   * @return the wait before the next attempt, or empty when the attempts are used up or the wait
   *     would end at or after the deadline
   */
  public Optional<Duration> delayBeforeRetry(
      int attemptsMade, Duration retryAfter, Instant now, Instant deadline, double random) {
    if (attemptsMade >= maxAttempts) {
      return Optional.empty();
    }
    Duration delay =
        retryAfter != null && !retryAfter.isNegative() ? retryAfter : backoff(attemptsMade, random);
    // Waiting until the deadline leaves no time for the attempt itself: give up now, say why.
    if (!now.plus(delay).isBefore(deadline)) {
      return Optional.empty();
    }
    return Optional.of(delay);
  }
}
