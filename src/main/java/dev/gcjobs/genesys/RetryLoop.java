package dev.gcjobs.genesys;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.DoubleSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * The one retry loop of the client: runs the attempts of one call (an API request or a login) until
 * an attempt succeeds or fails for good, or the {@link RetryPolicy}'s attempts or the call's
 * deadline are used up.
 *
 * <p>The deadline is the start of {@link #run} plus {@link RetryPolicy#callDeadline()}. Between
 * attempts the loop waits the policy's jittered backoff, or exactly the {@code Retry-After} the
 * failed attempt carries; a wait that would end at or after the deadline is not made, and the call
 * gives up instead. With a {@link RateBudget}, every attempt first takes a permit (giving up when
 * none is free before the deadline), and a {@code Retry-After} pauses the whole budget rather than
 * this caller alone. Each retry counts in {@code genesys.retries} by endpoint and reason.
 *
 * <p>The call decides what an attempt is and what its errors say; the loop decides whether and when
 * to try again. Immutable and thread-safe: the state of one call (attempts made, deadline, last
 * failure) lives in {@link #run} and in the {@link Call}.
 */
final class RetryLoop {
  private static final Logger log = LoggerFactory.getLogger(RetryLoop.class);

  /** Rate-limit pauses this long or longer are logged at INFO; shorter ones at DEBUG. */
  private static final Duration NOTABLE_PAUSE = Duration.ofSeconds(1);

  /** Why a call gives up when its budget cannot grant the next attempt in time. */
  static final String NO_PERMIT = "the rate budget had no permit before the deadline";

  private final RetryPolicy policy;
  private final RateBudget budget; // null: attempts take no permit
  private final Level retryLogLevel;
  private final Clock clock;
  private final Sleeper sleeper;
  private final DoubleSupplier random;
  private final GenesysMetrics metrics;

  /**
   * @param policy the bounds of every call
   * @param budget the budget each attempt takes a permit from, or null for none
   * @param retryLogLevel the level of the line logged before each retry
   * @param clock the time source of the deadline and the waits
   * @param sleeper how the loop waits between attempts
   * @param random uniform random numbers in {@code [0, 1)} for the backoff's jitter
   * @param metrics where retries and budget waits are counted
   */
  RetryLoop(
      RetryPolicy policy,
      RateBudget budget,
      Level retryLogLevel,
      Clock clock,
      Sleeper sleeper,
      DoubleSupplier random,
      GenesysMetrics metrics) {
    this.policy = policy;
    this.budget = budget;
    this.retryLogLevel = retryLogLevel;
    this.clock = clock;
    this.sleeper = sleeper;
    this.random = random;
    this.metrics = metrics;
  }

  /** The bounds of every call. */
  RetryPolicy policy() {
    return policy;
  }

  /**
   * Runs {@code call}'s attempts until one succeeds.
   *
   * @return the value of the first attempt that succeeded
   * @throws GenesysException what an attempt threw (a final failure), what {@link Call#gaveUp}
   *     returned when retrying stopped, or what {@link Call#interrupted} returned
   */
  <T> T run(Call<T> call) {
    Instant deadline = clock.instant().plus(policy.callDeadline());
    int attempts = 0;
    Failure last = null;
    while (true) {
      if (budget != null) {
        Optional<Duration> waited = budget.acquireBefore(deadline);
        if (waited.isEmpty()) {
          throw call.gaveUp(attempts, last, NO_PERMIT);
        }
        metrics.budgetWait(waited.get());
      }
      Attempt<T> attempt = call.attempt(deadline);
      if (attempt instanceof Attempt.Succeeded<T> succeeded) {
        return succeeded.value();
      }
      if (attempt instanceof Attempt.Repeat<T> repeat) {
        // Not a retry of a transient failure: it uses up no attempt and waits for nothing.
        metrics.retry(call.endpoint(), repeat.reason().tag());
        continue;
      }
      attempts++;
      last = ((Attempt.Failed<T>) attempt).failure();
      Instant now = clock.instant();
      Optional<Duration> delay =
          policy.delayBeforeRetry(attempts, last.retryAfter(), now, deadline, random.getAsDouble());
      if (delay.isEmpty()) {
        throw call.gaveUp(attempts, last, null);
      }
      metrics.retry(call.endpoint(), last.reason().tag());
      waitBeforeRetry(call, attempts, last, now, delay.get());
    }
  }

  private void waitBeforeRetry(
      Call<?> call, int attempts, Failure last, Instant now, Duration delay) {
    if (budget != null && last.retryAfter() != null) {
      // The whole token is over its limit: pause every caller, not just this one. The next permit
      // waits the pause out.
      log.atLevel(delay.compareTo(NOTABLE_PAUSE) >= 0 ? Level.INFO : Level.DEBUG)
          .log(
              "Genesys rate limit reached on {}; pausing all requests for {} ms (Retry-After)",
              call.endpoint(),
              delay.toMillis());
      budget.pauseUntil(now.plus(delay));
      return;
    }
    log.atLevel(retryLogLevel)
        .log(
            "{} failed ({}); retrying in {} ms (attempt {} of {})",
            call.subject(),
            last.description(),
            delay.toMillis(),
            attempts + 1,
            policy.maxAttempts());
    try {
      sleeper.sleep(delay);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw call.interrupted(e, attempts, last);
    }
  }

  /**
   * One call as the loop runs it: what an attempt is, and what to throw when the loop stops. One
   * instance serves one call, so it may keep state across that call's attempts.
   */
  interface Call<T> {
    /** The endpoint for metrics and logs: method and path template, never a secret. */
    String endpoint();

    /** What the retry log line says failed, such as the method and path; never a secret. */
    String subject();

    /**
     * Makes one attempt.
     *
     * @param deadline the call's deadline; the attempt's answer must come before it
     * @return what came of the attempt, when it is not a final failure
     * @throws GenesysException when the attempt failed for good (the loop lets it through)
     */
    Attempt<T> attempt(Instant deadline);

    /**
     * The error to throw when retrying stops.
     *
     * @param attempts the attempts made
     * @param last the last attempt's failure, or null when no attempt was made
     * @param why why the loop stopped besides the attempts or the deadline, or null
     */
    GenesysException gaveUp(int attempts, Failure last, String why);

    /** The error to throw when the thread is interrupted while waiting to retry. */
    GenesysException interrupted(InterruptedException e, int attempts, Failure last);
  }

  /** What came of one attempt that did not fail for good. */
  sealed interface Attempt<T> {
    /** The attempt succeeded with {@code value}. */
    static <T> Attempt<T> succeeded(T value) {
      return new Succeeded<>(value);
    }

    /** The attempt failed in a way worth retrying. */
    static <T> Attempt<T> failed(Failure failure) {
      return new Failed<>(failure);
    }

    /**
     * Make the attempt again at once, without counting it or waiting: the call fixed what was wrong
     * (a fresh token after a 401). The call must bound how often it asks for this.
     */
    static <T> Attempt<T> repeat(RetryReason reason) {
      return new Repeat<>(reason);
    }

    /** See {@link Attempt#succeeded}. */
    record Succeeded<T>(T value) implements Attempt<T> {}

    /** See {@link Attempt#failed}. */
    record Failed<T>(Failure failure) implements Attempt<T> {}

    /** See {@link Attempt#repeat}. */
    record Repeat<T>(RetryReason reason) implements Attempt<T> {}
  }

  /**
   * Why an attempt failed in a way worth retrying.
   *
   * @param reason the rung of the retry ladder it matched
   * @param description what failed, for logs and errors ({@code HTTP 503}, an exception's class)
   * @param status the HTTP status, or 0 when there was no answer
   * @param body the error body of the answer, or {@link ErrorBody#EMPTY}
   * @param retryAfter the wait the answer asked for ({@code Retry-After}), or null to back off
   */
  record Failure(
      RetryReason reason, String description, int status, ErrorBody body, Duration retryAfter) {
    /** A failure without an answer to show (no answer, or a body that could not be read). */
    static Failure of(RetryReason reason, String description, int status) {
      return new Failure(reason, description, status, ErrorBody.EMPTY, null);
    }
  }
}
