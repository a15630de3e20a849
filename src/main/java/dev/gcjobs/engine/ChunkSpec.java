package dev.gcjobs.engine;

import java.time.Instant;
import java.util.Objects;

/**
 * One chunk of an export: a sub-interval {@code [start, end)} that becomes one Genesys job.
 *
 * @param seq the chunk's position in its plan, from 0; parts are joined in this order
 * @param start the first instant of the chunk
 * @param end the first instant after it; strictly after {@code start}
 */
public record ChunkSpec(int seq, Instant start, Instant end) {
  public ChunkSpec {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    if (seq < 0) {
      throw new IllegalArgumentException("seq must be >= 0, got " + seq);
    }
    if (!start.isBefore(end)) {
      throw new IllegalArgumentException("chunk " + seq + " is empty: " + start + "/" + end);
    }
  }

  /** The chunk's interval, as sent to Genesys. */
  public ExportInterval interval() {
    return new ExportInterval(start, end);
  }

  /** Whether {@code start <= instant < end}. */
  public boolean contains(Instant instant) {
    return !instant.isBefore(start) && instant.isBefore(end);
  }
}
