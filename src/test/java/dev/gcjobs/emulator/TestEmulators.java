package dev.gcjobs.emulator;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;

/** Emulators for tests: ephemeral port, a movable clock, small known data. */
final class TestEmulators {
  /** The tests' "now": the day after the data's first conversation. */
  static final Instant NOW = Instant.parse("2024-05-02T00:00:00Z");

  /** 144 conversations (and users), one every 10 minutes of 2024-05-01, each 5 minutes long. */
  static final Instant FIRST = Instant.parse("2024-05-01T00:00:00Z");

  static final int RECORDS = 144;
  static final String DAY_QUERY =
      "{\"interval\":\"2024-05-01T00:00:00.000Z/2024-05-02T00:00:00.000Z\"}";

  private TestEmulators() {}

  static Emulator start(MutableClock clock) {
    return start(clock, b -> {});
  }

  static Emulator start(MutableClock clock, Consumer<EmulatorConfig.Builder> settings) {
    EmulatorConfig.Builder builder =
        EmulatorConfig.builder()
            .clock(clock)
            .jobBaseDelay(Duration.ofSeconds(4))
            .jobPerRecordDelay(Duration.ofMillis(10));
    settings.accept(builder);
    return Emulator.start(builder.build(), data());
  }

  static FakeAnalyticsData data() {
    return new FakeAnalyticsData(FIRST, RECORDS, Duration.ofMinutes(10), Duration.ofMinutes(5));
  }
}
