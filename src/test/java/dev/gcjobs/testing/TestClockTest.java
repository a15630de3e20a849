package dev.gcjobs.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class TestClockTest {
  private static final Instant T0 = Instant.parse("2024-05-01T00:00:00Z");

  @Test
  void standsStillUntilATestMovesIt() {
    TestClock clock = TestClock.at(T0);

    assertThat(clock.instant()).isEqualTo(T0);
    assertThat(clock.instant()).isEqualTo(T0);
    assertThat(clock.advance(Duration.ofHours(1))).isEqualTo(T0.plusSeconds(3600));
    assertThat(clock.tick()).isEqualTo(T0.plusSeconds(3600).plus(TestClock.DEFAULT_TICK));
    clock.set(T0.minusSeconds(5));
    assertThat(clock.instant()).isEqualTo(T0.minusSeconds(5));
    assertThat(clock.millis()).isEqualTo(T0.minusSeconds(5).toEpochMilli());
  }

  @Test
  void aTickingClockMovesOnByItsStepOnEveryRead() {
    TestClock clock = TestClock.ticking(T0, Duration.ofMillis(100));

    assertThat(clock.instant()).isEqualTo(T0.plusMillis(100));
    assertThat(clock.instant()).isEqualTo(T0.plusMillis(200));
    assertThat(clock.tick()).isEqualTo(T0.plusMillis(300));
    assertThat(clock.toString()).contains("00:00:00.300Z");
    assertThat(clock.instant()).as("toString did not read it").isEqualTo(T0.plusMillis(400));
  }

  @Test
  void aClockFollowingSystemTimeRunsOnAfterBeingAdvanced() {
    TestClock clock = TestClock.followingSystemTime();

    Instant before = Instant.now();
    Instant skipped = clock.advance(Duration.ofHours(1));

    assertThat(skipped).isAfterOrEqualTo(before.plusSeconds(3600));
    assertThat(clock.instant()).isAfterOrEqualTo(skipped);
    clock.set(T0);
    assertThat(clock.instant()).isBetween(T0, T0.plusSeconds(60));
  }

  @Test
  void refusesToGoBackByAdvancing() {
    TestClock clock = TestClock.at(T0);

    assertThatThrownBy(() -> clock.advance(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must not be negative");
    assertThat(clock.instant()).isEqualTo(T0);
  }

  @Test
  void readersOnOtherThreadsSeeEveryAdvanceExactlyOnce() throws Exception {
    TestClock clock = TestClock.at(T0);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    List<Future<?>> done = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      done.add(
          pool.submit(
              () -> {
                for (int i = 0; i < 1000; i++) {
                  clock.advance(Duration.ofMillis(1));
                  assertThat(clock.instant()).isAfter(T0);
                }
              }));
    }
    for (Future<?> f : done) {
      f.get(30, TimeUnit.SECONDS);
    }
    pool.shutdown();

    assertThat(clock.instant()).isEqualTo(T0.plusSeconds(4));
  }

  @Test
  void isUtcWhateverZoneIsAskedFor() {
    TestClock clock = TestClock.at(T0);

    assertThat(clock.getZone()).isEqualTo(java.time.ZoneOffset.UTC);
    assertThat(clock.withZone(java.time.ZoneId.of("Europe/Paris"))).isSameAs(clock);
  }
}
