package dev.gcjobs.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gcjobs.emulator.ConversationVersion;
import dev.gcjobs.emulator.EmulatorConfig;
import dev.gcjobs.emulator.LakeChanges;
import dev.gcjobs.sync.SyncFixture.Copied;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntConsumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A week of Genesys' time, a cycle every twelve hours, against the emulator's data lake with
 * revisions and deletions, compared with its ground truth after every cycle. Slow: a process-tier
 * test, with the CLI's kill -9 variant in {@link SyncCrashSafetyTest}.
 */
@Tag("process")
@Timeout(600)
class SyncSimulationTest {
  static final Instant NOW = Instant.parse("2024-06-10T00:00:00Z");
  static final Instant SINCE = NOW.minus(Duration.ofDays(3));
  static final Duration LAG = Duration.ofHours(6);
  static final Duration STEP = Duration.ofHours(12);
  static final int STEPS = 14;
  static final Duration SETTLE = Duration.ofHours(72);

  @TempDir Path dir;
  SyncFixture fixture;

  @BeforeEach
  void start() {
    fixture =
        new SyncFixture(
            dir,
            EmulatorConfig.builder()
                .now(NOW)
                .dataLag(LAG)
                .conversationsPerDay(120)
                .injectedRetryAfter(Duration.ofMillis(200))
                // More changes than Genesys makes, so that a week holds many of each; deletions
                // both inside the settle window (a plain cycle marks them) and after it (only a
                // reconcile can).
                .lakeChanges(new LakeChanges(0.15, 0.10, Duration.ofDays(1), Duration.ofDays(6))));
  }

  @AfterEach
  void stop() {
    fixture.close();
  }

  @Test
  void
      aSyncHoldsEveryConversationAndEverySettledChangeAfterEachCycleAndEqualsGenesysAfterAReconcile()
          throws Exception {
    runAWeekAndReconcile(0, step -> {});
  }

  @Test
  void theSameHoldsThroughRateLimitsServerErrorsLostJobsAndAFailedCycle() throws Exception {
    fixture
        .emulator
        .faults()
        .add("api:429=0.1")
        .add("status:503=0.05")
        .add("results:500=0.05")
        .add("results@9,40=404");
    runAWeekAndReconcile(
        1,
        step -> {
          // Every job of this cycle fails: the cycle fails, and the next reads its window again.
          fixture.emulator.faults().failedJobFraction(step == 5 ? 1.0 : 0.0);
        });
  }

  private void runAWeekAndReconcile(int failures, IntConsumer beforeCycle) throws Exception {
    Syncs syncs = fixture.syncs;
    String id =
        syncs
            .define(
                fixture
                    .definition(SINCE)
                    .settle(SETTLE)
                    .reconcileEvery(Duration.ofDays(30))
                    .build())
            .definition()
            .id();
    long changed = 0;
    long deleted = 0;
    int failed = 0;
    Instant watermark = null;
    for (int step = 0; step <= STEPS; step++) {
      if (step > 0) {
        fixture.emulator.advanceClock(STEP);
      }
      beforeCycle.accept(step);
      CycleSummary cycle = syncs.runCycle(id, false);
      if (!cycle.succeeded()) {
        assertThat(cycle.watermarkAfter())
            .as("a failed cycle keeps the watermark")
            .isEqualTo(watermark);
        failed++;
        continue;
      }
      changed += cycle.changed();
      deleted += cycle.deleted();
      watermark = cycle.watermarkAfter();
      assertHoldsEverythingAndTheSettledChanges(watermark, "cycle " + step);
    }
    assertThat(failed).isEqualTo(failures);
    assertThat(changed).as("revisions and conversations that ended, over the week").isPositive();
    assertThat(deleted).as("deletions seen inside the settle window").isPositive();

    CycleSummary reconcile = syncs.runCycle(id, true);

    assertThat(reconcile.succeeded()).as(reconcile.error()).isTrue();
    assertThat(reconcile.reconcile()).isTrue();
    assertThat(reconcile.deleted()).as("deletions after the settle window").isPositive();
    assertEqualsGenesys(reconcile.watermarkAfter());
  }

  /**
   * The copy after a cycle that read up to {@code watermark}: its jobs ran a moment after the cycle
   * took Genesys' availability as its watermark, so they may have served a change made since (a
   * revision, an end, a deletion). Each conversation is therefore held as the lake held it at the
   * watermark, or as it holds it now.
   */
  private void assertHoldsEverythingAndTheSettledChanges(Instant watermark, String when)
      throws Exception {
    Map<String, Copied> copy = fixture.copy();
    Instant now = fixture.emulator.dataAvailabilityDate();
    Set<String> live = new HashSet<>(liveIds(fixture.truth(SINCE, watermark, watermark)));
    live.retainAll(liveIds(fixture.truth(SINCE, watermark, now)));
    assertThat(live(copy))
        .as("%s: every conversation Genesys holds up to %s, and still holds", when, watermark)
        .containsAll(live);
    Instant settleStart = watermark.minus(SETTLE).isBefore(SINCE) ? SINCE : watermark.minus(SETTLE);
    Map<String, ConversationVersion> since =
        fixture.truth(settleStart, watermark, now).stream()
            .collect(Collectors.toMap(ConversationVersion::conversationId, v -> v, (a, b) -> b));
    for (ConversationVersion v : fixture.truth(settleStart, watermark, watermark)) {
      Copied copied = copy.get(v.conversationId());
      ConversationVersion later = since.getOrDefault(v.conversationId(), v);
      if (v.deleted()) {
        assertThat(copied == null || copied.deleted())
            .as("%s: %s, deleted at %s, is marked", when, v.conversationId(), v.deletedAt())
            .isTrue();
      } else if (!later.deleted()) {
        assertThat(copied).as("%s: %s", when, v.conversationId()).isNotNull();
        assertThat(copied.hash())
            .as(
                "%s: %s version %d (or %d since)",
                when, v.conversationId(), v.version(), later.version())
            .isIn(v.hash(), later.hash());
      }
    }
  }

  private void assertEqualsGenesys(Instant watermark) throws Exception {
    List<ConversationVersion> all = fixture.truth(SINCE, watermark, watermark);
    Map<String, Copied> copy = fixture.copy();
    assertThat(live(copy)).isEqualTo(liveIds(all));
    for (ConversationVersion v : all) {
      Copied copied = copy.get(v.conversationId());
      if (v.deleted()) {
        assertThat(copied == null || copied.deleted()).as(v.conversationId()).isTrue();
      } else {
        assertThat(copied.hash()).as(v.conversationId()).isEqualTo(v.hash());
      }
    }
  }

  static Set<String> liveIds(List<ConversationVersion> versions) {
    return versions.stream()
        .filter(v -> !v.deleted())
        .map(ConversationVersion::conversationId)
        .collect(Collectors.toSet());
  }

  static Set<String> live(Map<String, Copied> copy) {
    return copy.entrySet().stream()
        .filter(e -> !e.getValue().deleted())
        .map(Map.Entry::getKey)
        .collect(Collectors.toSet());
  }
}
