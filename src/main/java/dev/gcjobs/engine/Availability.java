package dev.gcjobs.engine;

import java.time.Instant;
import java.util.Optional;

/** Up to when Genesys' data lake holds complete data for a kind of export. */
@FunctionalInterface
public interface Availability {
  /** Not known here: for uses that never plan an export (a cancel in the store only). */
  Availability UNKNOWN = kind -> Optional.empty();

  /**
   * The {@code dataAvailabilityDate} for {@code kind}: jobs see nothing newer.
   *
   * @throws AvailabilityUnknown when Genesys cannot say
   */
  Optional<Instant> of(ExportKind kind);
}
