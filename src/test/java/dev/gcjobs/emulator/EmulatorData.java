package dev.gcjobs.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/** Test fixtures: a small synthetic org at a fixed "now", and query bodies from JSON text. */
final class EmulatorData {
  static final ObjectMapper JSON = new ObjectMapper();

  /** A Friday noon, UTC. */
  static final Instant NOW = Instant.parse("2024-03-15T12:00:00Z");

  static final int PER_DAY = 400;

  private EmulatorData() {}

  static SyntheticAnalyticsData org() {
    return org(42, NOW);
  }

  static SyntheticAnalyticsData org(long seed, Instant now) {
    return new SyntheticAnalyticsData(
        seed, PER_DAY, 20, Clock.fixed(now, ZoneOffset.UTC), Duration.ZERO, LakeChanges.DEFAULT);
  }

  static JsonNode body(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode parse(EmulatedRecord record) {
    try {
      return JSON.readTree(record.json());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<EmulatedRecord> conversations(SyntheticAnalyticsData org, String json) {
    return org.conversations(body(json));
  }

  static List<EmulatedRecord> conversations(String interval) {
    return conversations(org(), "{\"interval\":\"" + interval + "\"}");
  }

  static List<String> ids(List<EmulatedRecord> records) {
    return records.stream().map(EmulatedRecord::id).toList();
  }
}
