package dev.gcjobs.emulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;

/** How the emulator writes JSON and dates on the wire. */
final class WireJson {
  static final ObjectMapper MAPPER = new ObjectMapper();

  private WireJson() {}

  /** Genesys writes dates as ISO-8601 UTC with milliseconds: {@code 2024-05-01T10:00:00.000Z}. */
  static String date(Instant instant) {
    return IsoMillis.format(instant.toEpochMilli());
  }

  static byte[] bytes(Object value) {
    try {
      return MAPPER.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialize " + value.getClass().getSimpleName(), e);
    }
  }
}
