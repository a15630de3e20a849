package dev.gcjobs.genesys;

import io.github.bucket4j.BlockingStrategy;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * The request budget shared by every caller of one Genesys client (one OAuth token): a token bucket
 * (bucket4j) of {@code requestsPerMinute}, refilled evenly, with a burst of about one second's
 * worth.
 *
 * <p>Every request first {@linkplain #acquire() takes a permit}, blocking until one is free. A 429
 * with {@code Retry-After} {@linkplain #pauseUntil(Instant) pauses all callers} until then, so that
 * fifty concurrent jobs do not all hit the wall again; the {@code inin-ratelimit-*} headers of
 * every answer are {@linkplain #observe(RateLimitHeaders) observed}, and when the server says fewer
 * requests are left in its window than this budget would grant (other clients share the limit), the
 * budget slows down to what is left before a 429 happens. The time callers spent waiting is {@link
 * #totalWaited()}.
 *
 * <p>Thread-safe. Time comes from the given {@link Clock} and waits go through the given {@link
 * Sleeper}, so tests can run it on a fake clock.
 */
public final class RateBudget {
  /** The setting that overrides the rate. */
  public static final String SETTING = "GCJOBS_REQUESTS_PER_MINUTE";

  /** A little under the 300 requests per minute per token commonly quoted for Genesys Cloud. */
  public static final int DEFAULT_REQUESTS_PER_MINUTE = 280;

  /** More than 1000 per second is no longer a budget but a typo. */
  public static final int MAX_REQUESTS_PER_MINUTE = 60_000;

  /** Requests kept back from the server's remaining count: ours already in flight are not in it. */
  static final long IN_FLIGHT_HEADROOM = 5;

  /**
   * Rate-limit windows are a minute long; a longer reset is a misreading, not a reason to stall.
   */
  static final Duration MAX_WINDOW_RESET = Duration.ofMinutes(1);

  private final int requestsPerMinute;
  private final Clock clock;
  private final Sleeper sleeper;
  private final Bucket bucket;
  private final AtomicReference<Instant> pausedUntil = new AtomicReference<>(Instant.MIN);
  private final LongAdder waitedNanos = new LongAdder();
  // Pacing after rate-limit headers; guarded by this.
  private Instant pacedUntil = Instant.MIN;
  private Duration pacingInterval = Duration.ZERO;
  private Instant nextPacedSlot = Instant.MIN;

  /**
   * @param requestsPerMinute the steady rate, 1 to {@link #MAX_REQUESTS_PER_MINUTE}
   * @param clock the time source
   * @param sleeper how callers wait
   * @throws GenesysConfigException when the rate is out of range
   */
  public RateBudget(int requestsPerMinute, Clock clock, Sleeper sleeper) {
    this.requestsPerMinute = validRate(requestsPerMinute);
    this.clock = clock;
    this.sleeper = sleeper;
    // One second's worth of burst: in any minute at most rate + rate/60 requests leave.
    long burst = Math.max(1, requestsPerMinute / 60);
    this.bucket =
        Bucket.builder()
            .addLimit(
                limit ->
                    limit
                        .capacity(burst)
                        .refillGreedy(requestsPerMinute, Duration.ofMinutes(1))
                        .initialTokens(burst))
            .withCustomTimePrecision(new ClockTimeMeter(clock))
            .build();
  }

  /** A budget of {@code requestsPerMinute} on the system clock. */
  public static RateBudget perMinute(int requestsPerMinute) {
    return new RateBudget(requestsPerMinute, Clock.systemUTC(), Sleeper.SYSTEM);
  }

  /**
   * Checks a rate setting.
   *
   * @throws GenesysConfigException naming {@link #SETTING} when out of range
   */
  static int validRate(long requestsPerMinute) {
    if (requestsPerMinute < 1 || requestsPerMinute > MAX_REQUESTS_PER_MINUTE) {
      throw new GenesysConfigException(
          SETTING,
          "must be a whole number of requests per minute from 1 to "
              + MAX_REQUESTS_PER_MINUTE
              + " (default "
              + DEFAULT_REQUESTS_PER_MINUTE
              + "), got "
              + requestsPerMinute);
    }
    return (int) requestsPerMinute;
  }

  /** The steady rate in requests per minute. */
  public int requestsPerMinute() {
    return requestsPerMinute;
  }

  /**
   * Takes one permit, blocking while the budget is paused or used up.
   *
   * @return how long this caller waited
   * @throws GenesysException when interrupted while waiting
   */
  public Duration acquire() {
    return acquireBefore(Instant.MAX).orElseThrow();
  }

  /**
   * Takes one permit if one is free before {@code deadline}, blocking until then at most.
   *
   * @return how long this caller waited, or empty (at once, without waiting) when no permit can be
   *     had before the deadline
   * @throws GenesysException when interrupted while waiting
   */
  public Optional<Duration> acquireBefore(Instant deadline) {
    Instant start = clock.instant();
    try {
      while (true) {
        if (!waitOutPause(deadline)) {
          return Optional.empty();
        }
        long maxWaitNanos = nanosUntil(deadline);
        if (maxWaitNanos <= 0
            || !bucket.asBlocking().tryConsume(1, maxWaitNanos, new SleeperStrategy(sleeper))) {
          return Optional.empty();
        }
        Duration paced = nextPacedSlot();
        if (paced.toNanos() > nanosUntil(deadline)) {
          return Optional.empty();
        }
        if (!paced.isZero()) {
          sleeper.sleep(paced);
        }
        // A pause that began while this caller queued voids its permit: queue again after it.
        if (!clock.instant().isBefore(pausedUntil.get())) {
          return Optional.of(Duration.between(start, clock.instant()));
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new GenesysException(
          "interrupted while waiting for the request budget",
          0,
          null,
          null,
          null,
          null,
          null,
          false,
          e);
    } finally {
      waitedNanos.add(Math.max(0, Duration.between(start, clock.instant()).toNanos()));
    }
  }

  /** Sleeps until the pause is over; false (without sleeping) when it lasts past the deadline. */
  private boolean waitOutPause(Instant deadline) throws InterruptedException {
    while (true) {
      Instant until = pausedUntil.get();
      Instant now = clock.instant();
      if (!now.isBefore(until)) {
        return true;
      }
      if (until.isAfter(deadline)) {
        return false;
      }
      sleeper.sleep(Duration.between(now, until));
    }
  }

  /**
   * Pauses every caller until {@code until} (a 429's {@code Retry-After}). Pauses only lengthen: an
   * earlier instant than the current pause changes nothing.
   */
  public void pauseUntil(Instant until) {
    pausedUntil.accumulateAndGet(until, (a, b) -> a.isAfter(b) ? a : b);
  }

  /** The end of the current (or last) pause; {@link Instant#MIN} if there was none. */
  public Instant pausedUntil() {
    return pausedUntil.get();
  }

  /**
   * Slows the budget down to what the server says is left in its rate-limit window. When this
   * budget would grant more requests before the window resets than the server has left (other
   * clients share the limit), permits are spaced evenly over the rest of the window; when nothing
   * is left, all callers pause until the reset. Headers with room to spare end any such slowdown.
   */
  public synchronized void observe(RateLimitHeaders headers) {
    Duration reset =
        headers.reset().compareTo(MAX_WINDOW_RESET) > 0 ? MAX_WINDOW_RESET : headers.reset();
    Instant now = clock.instant();
    long remaining = headers.remaining() - IN_FLIGHT_HEADROOM;
    if (reset.isZero() || remaining > grantableWithin(reset)) {
      pacedUntil = now;
      return;
    }
    if (remaining <= 0) {
      pauseUntil(now.plus(reset));
      return;
    }
    pacedUntil = now.plus(reset);
    pacingInterval = reset.dividedBy(remaining);
    if (nextPacedSlot.isBefore(now)) {
      nextPacedSlot = now;
    }
  }

  /** Permits this budget would grant within {@code window}: what is in the bucket plus refill. */
  private long grantableWithin(Duration window) {
    return bucket.getAvailableTokens()
        + requestsPerMinute * window.toMillis() / Duration.ofMinutes(1).toMillis();
  }

  /** While pacing, the wait until this caller's slot (and the next slot moves on); else zero. */
  private synchronized Duration nextPacedSlot() {
    Instant now = clock.instant();
    if (!now.isBefore(pacedUntil)) {
      return Duration.ZERO;
    }
    Instant slot = nextPacedSlot.isAfter(now) ? nextPacedSlot : now;
    nextPacedSlot = slot.plus(pacingInterval);
    return Duration.between(now, slot);
  }

  /** The total time all callers have spent waiting for permits. */
  public Duration totalWaited() {
    return Duration.ofNanos(waitedNanos.sum());
  }

  private long nanosUntil(Instant deadline) {
    try {
      return Duration.between(clock.instant(), deadline).toNanos();
    } catch (ArithmeticException farAway) {
      return Long.MAX_VALUE;
    }
  }

  /** Reads bucket4j's time from the injected clock. */
  private record ClockTimeMeter(Clock clock) implements TimeMeter {
    @Override
    public long currentTimeNanos() {
      Instant now = clock.instant();
      return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    @Override
    public boolean isWallClockBased() {
      return true;
    }
  }

  /** Makes bucket4j wait through the injected sleeper. */
  private record SleeperStrategy(Sleeper sleeper) implements BlockingStrategy {
    @Override
    public void park(long nanos) throws InterruptedException {
      sleeper.sleep(Duration.ofNanos(nanos));
    }
  }
}
