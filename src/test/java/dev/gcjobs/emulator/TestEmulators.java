package dev.gcjobs.emulator;

import dev.gcjobs.testing.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * Emulators for tests: ephemeral port, a movable clock, a small synthetic org whose data is frozen
 * at {@link #NOW} (so moving the clock moves jobs, not data), jobs taking 4 s + 10 ms per record.
 */
final class TestEmulators {
  /** The clock's start and the data's "now". */
  static final Instant NOW = Instant.parse("2024-05-02T00:00:00Z");

  static final Duration JOB_BASE_DELAY = Duration.ofSeconds(4);
  static final Duration JOB_PER_RECORD_DELAY = Duration.ofMillis(10);

  /** The whole day before {@link #NOW}. */
  static final String DAY_QUERY =
      "{\"interval\":\"2024-05-01T00:00:00.000Z/2024-05-02T00:00:00.000Z\"}";

  private TestEmulators() {}

  static Emulator start(TestClock clock) {
    return start(clock, b -> {});
  }

  static Emulator start(TestClock clock, Consumer<EmulatorConfig.Builder> settings) {
    EmulatorConfig.Builder builder =
        EmulatorConfig.builder()
            .clock(clock)
            .dataNow(NOW)
            .conversationsPerDay(200)
            .users(20)
            .jobBaseDelay(JOB_BASE_DELAY)
            .jobPerRecordDelay(JOB_PER_RECORD_DELAY);
    settings.accept(builder);
    return Emulator.start(builder.build());
  }

  /** How long a job matching {@code records} records runs before it is FULFILLED. */
  static Duration jobDuration(int records) {
    return JOB_BASE_DELAY.plus(JOB_PER_RECORD_DELAY.multipliedBy(records));
  }
}
