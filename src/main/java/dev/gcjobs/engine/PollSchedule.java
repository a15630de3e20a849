package dev.gcjobs.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * When to check a submitted Genesys job again: a first check soon after submit, then delays growing
 * by {@code growthFactor} up to {@code maxDelay}, each spread by {@code ±jitter} so that many
 * chunks do not poll in lockstep. Immutable policy: the attempt number lives with the chunk in the
 * store.
 *
 * @param firstDelay the delay before the first status check (attempt 1)
 * @param growthFactor each delay is this many times the previous one, at least 1
 * @param maxDelay the cap on a delay before jitter
 * @param jitter the spread of each delay, a fraction in [0, 1): 0.1 means ±10 %
 */
public record PollSchedule(
    Duration firstDelay, double growthFactor, Duration maxDelay, double jitter) {
  /** Jobs take about 3 s at the least (users' reports), so an earlier check is mostly wasted. */
  public static final Duration DEFAULT_FIRST_DELAY = Duration.ofSeconds(3);

  /** 1.5: reaches the cap after six checks (3, 4.5, 6.8, 10, 15, 23, 30 s). */
  public static final double DEFAULT_GROWTH_FACTOR = 1.5;

  /**
   * 30 s: a finished job waits at most that long to be noticed, and polling costs two requests a
   * minute per chunk, little against the usual 300-requests-a-minute budget.
   */
  public static final Duration DEFAULT_MAX_DELAY = Duration.ofSeconds(30);

  /** ±10 %: enough to spread chunks submitted together. */
  public static final double DEFAULT_JITTER = 0.1;

  /**
   * Polling less often than hourly risks finding the results expired (their lifetime is unknown).
   */
  public static final Duration LONGEST_MAX_DELAY = Duration.ofHours(1);

  /** Growth beyond this reaches any cap within two or three checks; a larger factor is a typo. */
  public static final double MAX_GROWTH_FACTOR = 10.0;

  /** The schedule with every {@code DEFAULT_*} value. */
  public static final PollSchedule DEFAULT =
      new PollSchedule(
          DEFAULT_FIRST_DELAY, DEFAULT_GROWTH_FACTOR, DEFAULT_MAX_DELAY, DEFAULT_JITTER);

  /**
   * @throws InvalidRequest (field {@code pollFirst}, {@code pollMax}, {@code pollGrowth} or {@code
   *     pollJitter}) for a value out of range
   */
  public PollSchedule {
    Objects.requireNonNull(firstDelay, "firstDelay");
    Objects.requireNonNull(maxDelay, "maxDelay");
    if (firstDelay.compareTo(Duration.ofMillis(1)) < 0) {
      throw new InvalidRequest(
          "pollFirst", "the first poll delay must be at least 1 ms; got " + firstDelay);
    }
    if (maxDelay.compareTo(firstDelay) < 0 || maxDelay.compareTo(LONGEST_MAX_DELAY) > 0) {
      throw new InvalidRequest(
          "pollMax",
          "the longest poll delay must lie between the first delay ("
              + firstDelay
              + ") and "
              + LONGEST_MAX_DELAY
              + "; got "
              + maxDelay);
    }
    if (!(growthFactor >= 1.0 && growthFactor <= MAX_GROWTH_FACTOR)) {
      throw new InvalidRequest(
          "pollGrowth",
          "the poll growth factor must lie between 1 and "
              + MAX_GROWTH_FACTOR
              + "; got "
              + growthFactor);
    }
    if (!(jitter >= 0.0 && jitter < 1.0)) {
      throw new InvalidRequest(
          "pollJitter",
          "the poll jitter must be a fraction from 0 (none) to below 1; got " + jitter);
    }
  }

  /**
   * The wait before status check number {@code attempt} (1 = the first check after submit): {@code
   * min(firstDelay · growthFactor^(attempt-1), maxDelay)}, times a random factor in {@code [1 -
   * jitter, 1 + jitter]}. Never above {@code maxDelay · (1 + jitter)}.
   *
   * @param rnd source of the jitter; a seeded generator gives repeatable delays
   */
  public Duration delayBefore(int attempt, RandomGenerator rnd) {
    if (attempt < 1) {
      throw new IllegalArgumentException("attempt starts at 1, got " + attempt);
    }
    double first = firstDelay.toNanos();
    double cap = maxDelay.toNanos();
    // pow overflows to infinity for large attempts, and min() then picks the cap: no loop needed.
    double base = Math.min(first * Math.pow(growthFactor, attempt - 1.0), cap);
    double spread = 1.0 + jitter * (2.0 * rnd.nextDouble() - 1.0);
    return Duration.ofNanos((long) Math.floor(base * spread));
  }

  /**
   * When to run status check number {@code attempt}: {@code now + delayBefore(attempt)}, moved back
   * to the deadline when the wait would cross it (a last check), or empty when the deadline has
   * passed and the export must stop with "deadline exceeded".
   */
  public Optional<Instant> nextCheck(
      int attempt, Instant now, Deadline deadline, RandomGenerator rnd) {
    return deadline.nextCheck(now, delayBefore(attempt, rnd));
  }
}
