package dev.gcjobs.genesys;

import java.time.Instant;

/**
 * What one results page said besides its records.
 *
 * @param cursor where the next page starts, or null when this was the last page
 * @param dataAvailabilityDate the data lake's availability date the page reported, or null
 * @param recordCount how many records the page held (all handed to the sink)
 */
public record PageInfo(String cursor, Instant dataAvailabilityDate, int recordCount) {

  /** Whether no page follows this one. */
  public boolean isLast() {
    return cursor == null;
  }
}
