package dev.gcjobs.genesys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gcjobs.testing.Deadline;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class RateBudgetTest {
  private final FakeTime time = new FakeTime();

  @Test
  void grantsABurstOfOneSecondThenPacesAtTheRate() {
    RateBudget budget = new RateBudget(600, time, time); // 10 per second
    Instant start = time.instant();
    for (int i = 0; i < 10; i++) {
      assertThat(budget.acquire()).isEqualTo(Duration.ZERO);
    }
    for (int i = 0; i < 600; i++) {
      budget.acquire();
    }
    // 610 permits at 10/s after a burst of 10 take a minute, not less.
    assertThat(Duration.between(start, time.instant()))
        .isBetween(Duration.ofSeconds(59), Duration.ofSeconds(61));
    assertThat(budget.totalWaited()).isEqualTo(Duration.between(start, time.instant()));
  }

  @Test
  void neverGrantsMoreThanTheRatePlusBurstInAnyMinute() {
    RateBudget budget = new RateBudget(280, time, time);
    Instant start = time.instant();
    int granted = 0;
    Deadline deadline = Deadline.in(Duration.ofSeconds(10), "a fake minute of permits");
    while (time.instant().isBefore(start.plusSeconds(60))) {
      deadline.check();
      budget.acquire();
      if (time.instant().isBefore(start.plusSeconds(60))) {
        granted++;
      }
    }
    assertThat(granted).isLessThanOrEqualTo(280 + 280 / 60).isGreaterThanOrEqualTo(270);
  }

  @Test
  void aPauseHoldsEveryCallerUntilItEnds() {
    RateBudget budget = new RateBudget(6000, time, time);
    Instant until = time.instant().plusSeconds(42);
    budget.pauseUntil(until);

    Duration waited = budget.acquire();

    assertThat(time.instant()).isAfterOrEqualTo(until);
    assertThat(waited).isGreaterThanOrEqualTo(Duration.ofSeconds(42));
  }

  @Test
  void anEarlierPauseDoesNotShortenALaterOne() {
    RateBudget budget = new RateBudget(6000, time, time);
    budget.pauseUntil(time.instant().plusSeconds(30));
    budget.pauseUntil(time.instant().plusSeconds(5));
    assertThat(budget.pausedUntil()).isEqualTo(time.instant().plusSeconds(30));
  }

  @Test
  void aPauseBeyondTheDeadlineFailsAtOnceWithoutSleeping() {
    RateBudget budget = new RateBudget(6000, time, time);
    budget.pauseUntil(time.instant().plusSeconds(60));

    assertThat(budget.acquireBefore(time.instant().plusSeconds(10))).isEmpty();
    assertThat(time.sleeps()).isEmpty();
  }

  @Test
  void aPermitFurtherAwayThanTheDeadlineIsNotWaitedFor() {
    RateBudget budget = new RateBudget(60, time, time); // one per second, burst 1
    budget.acquire();
    assertThat(budget.acquireBefore(time.instant().plusMillis(200))).isEmpty();
    assertThat(time.sleeps()).isEmpty();
    assertThat(budget.acquireBefore(time.instant().plusSeconds(2))).isPresent();
  }

  @Test
  void slowsDownToWhatTheServerSaysIsLeftInItsWindow() {
    RateBudget budget = new RateBudget(600, time, time); // would grant ~300 in the next 30 s
    Instant start = time.instant();
    // Another client used most of the shared limit: 20 left for the next 30 seconds.
    budget.observe(new RateLimitHeaders(300, 280, Duration.ofSeconds(30)));

    assertThat(budget.acquire()).as("the first permit is not held back").isZero();
    int grantedBeforeReset = 1;
    Deadline deadline = Deadline.in(Duration.ofSeconds(10), "the server's window to end");
    while (true) {
      deadline.check();
      budget.acquire();
      if (!time.instant().isBefore(start.plusSeconds(30))) {
        break;
      }
      grantedBeforeReset++;
    }
    assertThat(grantedBeforeReset).isLessThanOrEqualTo(20 - (int) RateBudget.IN_FLIGHT_HEADROOM);
  }

  @Test
  void headersWithRoomToSpareEndASlowdown() {
    RateBudget budget = new RateBudget(600, time, time);
    budget.observe(new RateLimitHeaders(300, 280, Duration.ofSeconds(30)));
    budget.acquire();
    // 285 left for 10 s, more than this budget grants in 10 s (about 110).
    budget.observe(new RateLimitHeaders(300, 10, Duration.ofSeconds(10)));
    for (int i = 0; i < 5; i++) {
      assertThat(budget.acquire()).isZero();
    }
  }

  @Test
  void aFastBudgetIsNotStalledByALimitItCannotReachInTheWindow() {
    RateBudget budget = new RateBudget(60_000, time, time);
    budget.observe(new RateLimitHeaders(300, 2, Duration.ofSeconds(1)));
    Instant start = time.instant();
    for (int i = 0; i < 100; i++) {
      budget.acquire();
    }
    // 293 allowed within the second: 100 permits spaced over it, not a second each.
    assertThat(Duration.between(start, time.instant())).isLessThan(Duration.ofSeconds(1));
  }

  @Test
  void anExhaustedWindowPausesEveryoneUntilItResets() {
    RateBudget budget = new RateBudget(600, time, time);
    budget.observe(new RateLimitHeaders(300, 298, Duration.ofSeconds(12)));
    assertThat(budget.pausedUntil()).isEqualTo(time.instant().plusSeconds(12));
  }

  @Test
  void headersWithRoomToSpareChangeNothing() {
    RateBudget budget = new RateBudget(280, time, time);
    budget.observe(new RateLimitHeaders(300, 6, Duration.ofSeconds(38)));
    for (int i = 0; i < 4; i++) {
      assertThat(budget.acquire()).isEqualTo(Duration.ZERO);
    }
  }

  @Test
  void ratesOutOfRangeAreRefusedNamingTheSetting() {
    assertThatThrownBy(() -> new RateBudget(-5, time, time))
        .isInstanceOf(GenesysConfigException.class)
        .hasMessageStartingWith("GCJOBS_REQUESTS_PER_MINUTE: must be a whole number")
        .hasMessageEndingWith("got -5");
    assertThatThrownBy(() -> new RateBudget(0, time, time))
        .isInstanceOf(GenesysConfigException.class);
  }
}
