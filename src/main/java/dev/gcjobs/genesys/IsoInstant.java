package dev.gcjobs.genesys;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Reads the ISO-8601 date-times Genesys writes ({@code 2024-05-01T00:00:00.000Z}, offsets too). */
final class IsoInstant {
  /** Offsets without a colon ({@code +0000}), which some Genesys services write. */
  private static final DateTimeFormatter COMPACT_OFFSET =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss[.SSSSSSSSS][.SSSSSS][.SSS]xx");

  private IsoInstant() {}

  /** The instant {@code text} names, or null when it names none. */
  static Instant parse(String text) {
    if (text == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException notIsoOffset) {
      try {
        return OffsetDateTime.parse(text, COMPACT_OFFSET).toInstant();
      } catch (DateTimeParseException notCompact) {
        return null;
      }
    }
  }
}
