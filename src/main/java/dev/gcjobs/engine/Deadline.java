package dev.gcjobs.engine;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The instant by which an export must be done ({@code --timeout}, {@code options.timeout}), or
 * none. Steps are never scheduled past it: {@link #nextCheck} says when a wait would cross it.
 *
 * @param at the deadline; {@link Instant#MAX} for none
 */
public record Deadline(Instant at) {
  /** No deadline: every wait is allowed. */
  public static final Deadline NONE = new Deadline(Instant.MAX);

  public Deadline {
    Objects.requireNonNull(at, "at");
  }

  /**
   * The deadline {@code timeout} after {@code start}; {@link #NONE} when {@code timeout} is null or
   * so long that it reaches past the end of time.
   */
  public static Deadline after(Instant start, Duration timeout) {
    if (timeout == null) {
      return NONE;
    }
    try {
      return new Deadline(start.plus(timeout));
    } catch (DateTimeException | ArithmeticException e) {
      return NONE;
    }
  }

  /** Whether this deadline is {@link #NONE}. */
  public boolean isNone() {
    return at.equals(Instant.MAX);
  }

  /** Whether {@code now} is at or past the deadline. */
  public boolean passed(Instant now) {
    return !now.isBefore(at);
  }

  /**
   * When to run a step meant to run {@code delay} after {@code now}: {@code now + delay} if that is
   * before the deadline; the deadline itself for a last check if the wait would cross it; empty
   * when the deadline has passed, and the export must stop with "deadline exceeded".
   */
  public Optional<Instant> nextCheck(Instant now, Duration delay) {
    if (passed(now)) {
      return Optional.empty();
    }
    // Compared as a remaining duration: now + delay could overflow when there is no deadline.
    Duration remaining = Duration.between(now, at);
    return Optional.of(delay.compareTo(remaining) < 0 ? now.plus(delay) : at);
  }
}
