package dev.gcjobs.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gcjobs.store.ChunkLifecycle.Event;
import dev.gcjobs.store.ChunkRow;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class JobDurationHintsTest {
  private static final Duration DAY = Duration.ofDays(1);
  private static final Duration TWO_DAYS = Duration.ofDays(2);
  private static final Instant T0 = Instant.parse("2024-06-01T00:00:00Z");

  private final JobDurationHints hints = new JobDurationHints(Duration.ofSeconds(30));

  @Test
  void knowsNothingBeforeAJobOfTheExportIsSeenDone() {
    hints.record("other", TWO_DAYS, Duration.ofSeconds(7));

    assertThat(hints.estimate("e", TWO_DAYS)).isEmpty();
  }

  @Test
  void theShortestTimeSeenWins() {
    hints.record("e", TWO_DAYS, Duration.ofSeconds(9));
    hints.record("e", TWO_DAYS, Duration.ofSeconds(7));
    hints.record("e", TWO_DAYS, Duration.ofSeconds(8));

    assertThat(hints.estimate("e", TWO_DAYS)).contains(Duration.ofSeconds(7));
  }

  @Test
  void aLongerChunksTimeHoldsForAShorterOneButNotTheOtherWayRound() {
    hints.record("e", DAY, Duration.ofSeconds(5));

    assertThat(hints.estimate("e", TWO_DAYS)).isEmpty();
    assertThat(hints.estimate("e", Duration.ofHours(6))).contains(Duration.ofSeconds(5));

    hints.record("e", TWO_DAYS, Duration.ofSeconds(4));
    // A two-day job done in 4 s says a one-day job needs no more.
    assertThat(hints.estimate("e", DAY)).contains(Duration.ofSeconds(4));
    assertThat(hints.estimate("e", TWO_DAYS)).contains(Duration.ofSeconds(4));
  }

  @Test
  void neverEstimatesMoreThanTheSchedulesLongestDelay() {
    hints.record("e", TWO_DAYS, Duration.ofMinutes(10));

    assertThat(hints.estimate("e", TWO_DAYS)).contains(Duration.ofSeconds(30));
  }

  @Test
  void forgetsAnExportThatEnded() {
    hints.record("e", TWO_DAYS, Duration.ofSeconds(7));
    hints.record("f", TWO_DAYS, Duration.ofSeconds(8));

    hints.forget("e");

    assertThat(hints.estimate("e", TWO_DAYS)).isEmpty();
    assertThat(hints.estimate("f", TWO_DAYS)).contains(Duration.ofSeconds(8));
  }

  @Test
  void remembersAtMostABoundedNumberOfExports() {
    for (int i = 0; i <= JobDurationHints.MAX_EXPORTS; i++) {
      hints.record("e" + i, TWO_DAYS, Duration.ofSeconds(7));
    }

    assertThat(hints.estimate("e0", TWO_DAYS)).isEmpty();
    assertThat(hints.estimate("e" + JobDurationHints.MAX_EXPORTS, TWO_DAYS)).isPresent();
  }

  @Test
  void aRunningJobIsCheckedAtItsExpectedEndWhenThatComesBeforeTheSchedule() {
    hints.record("e", TWO_DAYS, Duration.ofSeconds(7));
    ChunkRow chunk = waiting(1, T0, TWO_DAYS, T0.plusSeconds(14));

    Instant now = T0.plusSeconds(6);
    assertThat(hints.nextCheck(chunk, T0.plusSeconds(14), now)).isEqualTo(T0.plusSeconds(7));
    // Past its expected end the schedule rules again.
    Instant later = T0.plusSeconds(8);
    assertThat(hints.nextCheck(chunk, T0.plusSeconds(14), later)).isEqualTo(T0.plusSeconds(14));
  }

  @Test
  void aSiblingOfANoLongerChunkIsPulledForwardToItsExpectedEndOrNow() {
    hints.record("e", TWO_DAYS, Duration.ofSeconds(7));
    Instant now = T0.plusSeconds(8);

    ChunkRow overdue = waiting(1, T0, TWO_DAYS, T0.plusSeconds(14));
    ChunkRow young = waiting(2, T0.plusSeconds(4), DAY, T0.plusSeconds(18));
    assertThat(hints.soonerCheck(overdue, TWO_DAYS, now)).contains(now);
    assertThat(hints.soonerCheck(young, TWO_DAYS, now)).contains(T0.plusSeconds(11));
  }

  @Test
  void leavesAloneSiblingsThatAreLongerHeldDueSoonOrWithoutAJob() {
    hints.record("e", TWO_DAYS, Duration.ofSeconds(7));
    hints.record("e", Duration.ofDays(3), Duration.ofSeconds(9));
    Instant now = T0.plusSeconds(8);

    ChunkRow longer = waiting(1, T0, Duration.ofDays(3), T0.plusSeconds(14));
    ChunkRow held =
        scheduled(
            waiting(2, T0, TWO_DAYS, T0.plusSeconds(14)),
            new ChunkRow.Schedule(T0.plusSeconds(14), "host/1", now.plusSeconds(60)));
    ChunkRow dueSoon = waiting(3, T0, TWO_DAYS, now);
    ChunkRow planned = waiting(4, T0, TWO_DAYS, T0.plusSeconds(14)).after(Event.EXPIRED);
    ChunkRow fetching = waiting(5, T0, TWO_DAYS, T0.plusSeconds(14)).after(Event.FULFILLED);

    assertThat(hints.soonerCheck(longer, TWO_DAYS, now)).isEmpty();
    assertThat(hints.soonerCheck(held, TWO_DAYS, now)).isEmpty();
    assertThat(hints.soonerCheck(dueSoon, TWO_DAYS, now)).isEmpty();
    assertThat(hints.soonerCheck(planned, TWO_DAYS, now)).isEmpty();
    assertThat(hints.soonerCheck(fetching, TWO_DAYS, now)).isEmpty();
  }

  /**
   * Chunk {@code seq} of export "e", {@code length} long, its job submitted at {@code submitted}.
   */
  private static ChunkRow waiting(int seq, Instant submitted, Duration length, Instant nextRunAt) {
    Instant start = Instant.parse("2024-05-01T00:00:00Z").plus(length.multipliedBy(seq));
    ChunkRow polled =
        ChunkRow.planned("e", seq, start, start.plus(length), T0)
            .after(Event.SLOT_TAKEN)
            .after(Event.SUBMITTED)
            .withJob(ChunkRow.Job.NONE.submitted("job-" + seq, submitted))
            .after(Event.POLLED);
    return scheduled(polled, ChunkRow.Schedule.due(nextRunAt));
  }

  /** {@code c} as read with its execution {@code schedule}. */
  private static ChunkRow scheduled(ChunkRow c, ChunkRow.Schedule schedule) {
    return new ChunkRow(
        c.exportId(),
        c.seq(),
        c.intervalStart(),
        c.intervalEnd(),
        c.state(),
        c.job(),
        c.checkpoint(),
        schedule,
        c.errorMessage(),
        c.version(),
        c.updatedAt());
  }
}
