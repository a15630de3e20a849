package dev.gcjobs.sync;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Which interval a cycle reads. A plain cycle reads from the settle window's start (availability −
 * settle) or the last watermark, whichever is earlier, up to availability: the new data and the
 * days in which Genesys still rewrites what it holds. A reconcile cycle, and the first one, read
 * the whole history from {@code since}. Pure: the caller gives every instant.
 *
 * @param since where the copy starts
 * @param settle how far behind availability each plain cycle re-reads
 * @param reconcileEvery how often a cycle re-reads the whole history
 */
public record SyncPlan(Instant since, Duration settle, Duration reconcileEvery) {
  /** Genesys rewrites conversations 48 to 72 hours old; a change can land at three days. */
  public static final Duration DEFAULT_SETTLE = Duration.ofHours(72);

  /** Deletions and corrections older than the settle window are found within a week. */
  public static final Duration DEFAULT_RECONCILE_EVERY = Duration.ofDays(7);

  /**
   * @throws IllegalArgumentException when the settle window is negative or the reconcile cadence
   *     not positive
   */
  public SyncPlan {
    Objects.requireNonNull(since, "since");
    if (settle.isNegative()) {
      throw new IllegalArgumentException("the settle window is negative: " + settle);
    }
    if (reconcileEvery.isNegative() || reconcileEvery.isZero()) {
      throw new IllegalArgumentException(
          "the reconcile cadence must be positive: " + reconcileEvery);
    }
  }

  /** One cycle's interval {@code [start, end)}; {@code end} becomes the watermark. */
  public record Window(Instant start, Instant end, boolean reconcile) {}

  /**
   * The next cycle's window, or empty when there is nothing to read yet (availability has not
   * passed {@code since}).
   *
   * @param watermark the sync's watermark, or null before its first cycle
   * @param lastReconcile when the last reconcile cycle started, or null
   * @param availability up to when Genesys' data lake is complete now
   * @param now the current time
   * @param reconcileNow whether the user asked for a reconcile cycle now
   */
  public Optional<Window> next(
      Instant watermark,
      Instant lastReconcile,
      Instant availability,
      Instant now,
      boolean reconcileNow) {
    if (!availability.isAfter(since)) {
      return Optional.empty();
    }
    boolean reconcile =
        watermark == null
            || reconcileNow
            || lastReconcile == null
            || !now.isBefore(lastReconcile.plus(reconcileEvery));
    if (reconcile) {
      return Optional.of(new Window(since, availability, true));
    }
    Instant settleStart = availability.minus(settle);
    Instant start = watermark.isBefore(settleStart) ? watermark : settleStart;
    if (start.isBefore(since)) {
      start = since;
    }
    return Optional.of(new Window(start, availability, false));
  }
}
