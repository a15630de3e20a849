package dev.gcjobs.engine;

import java.time.Instant;

/**
 * An export's interval ends after Genesys' {@code dataAvailabilityDate}: its jobs would succeed and
 * silently return less than the interval holds. The front doors say how to go on in their own terms
 * (a flag, a JSON field): allow an incomplete export, or end the interval at availability.
 */
public final class IntervalPastAvailability extends RuntimeException {
  private final Instant intervalEnd;
  private final Instant availability;

  IntervalPastAvailability(Instant intervalEnd, Instant availability) {
    // No stack trace: a user's choice to make, reported as one line.
    super(
        "the interval ends at "
            + intervalEnd
            + ", after Genesys' data availability ("
            + availability
            + "): its jobs would return less than the interval holds, with no error",
        null,
        false,
        false);
    this.intervalEnd = intervalEnd;
    this.availability = availability;
  }

  /** The end of the interval asked for. */
  public Instant intervalEnd() {
    return intervalEnd;
  }

  /** Genesys' {@code dataAvailabilityDate}: the data is complete only up to it. */
  public Instant availability() {
    return availability;
  }
}
