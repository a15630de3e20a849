package dev.gcjobs.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gcjobs.emulator.ConversationVersion;
import dev.gcjobs.emulator.EmulatorConfig;
import dev.gcjobs.emulator.LakeChanges;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Sync cycles against the emulator's data lake, into a real DuckDB file. */
@Tag("emulator")
@Timeout(120)
class SyncCycleTest {
  static final Instant NOW = Instant.parse("2024-06-10T00:00:00Z");
  static final Instant SINCE = Instant.parse("2024-06-06T00:00:00Z");
  static final Duration LAG = Duration.ofHours(6);

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
                .conversationsPerDay(200)
                .lakeChanges(LakeChanges.NONE));
  }

  @AfterEach
  void stop() {
    fixture.close();
  }

  @Test
  void theFirstCycleCopiesEverythingUpToAvailabilityAndTheNextOnlyTheNewAndSettleWindows()
      throws Exception {
    Syncs syncs = fixture.syncs;
    String id = syncs.define(fixture.definition(SINCE).build()).definition().id();

    CycleSummary first = syncs.runCycle(id, false);

    assertThat(first.succeeded()).as(first.error()).isTrue();
    assertThat(first.reconcile()).isTrue();
    // The emulator's clock runs on from NOW, as Genesys' does.
    Instant availability = first.watermarkAfter();
    assertThat(availability).isBetween(NOW.minus(LAG), NOW.minus(LAG).plusSeconds(60));
    assertThat(liveIds()).isEqualTo(truthIds(availability));
    assertThat(first.added()).isEqualTo(liveIds().size());

    fixture.emulator.advanceClock(Duration.ofHours(6));
    CycleSummary second = syncs.runCycle(id, false);

    assertThat(second.succeeded()).as(second.error()).isTrue();
    Instant later = second.watermarkAfter();
    assertThat(later).isAfter(availability.plus(Duration.ofHours(6)));
    assertThat(second.reconcile()).isFalse();
    assertThat(second.windowStart()).isEqualTo(later.minus(SyncPlan.DEFAULT_SETTLE));
    assertThat(second.watermarkBefore()).isEqualTo(availability);
    assertThat(liveIds()).isEqualTo(truthIds(later));
    assertThat(second.added()).isPositive();
    // Conversations running at the first availability were copied in progress, now they ended.
    assertThat(second.changed()).isPositive();
    assertThat(second.deleted()).isZero();

    CycleSummary third = syncs.runCycle(id, false);
    assertThat(third.added() + third.changed() + third.deleted()).isZero();
    assertThat(third.unchanged()).isPositive();
    assertThat(syncs.find(id).orElseThrow().cycles()).hasSize(3);
  }

  @Test
  void theSameDefinitionAgainResumesItsSyncAndAnotherStartIsRefusedNamingTheFirst() {
    Syncs syncs = fixture.syncs;
    String id = syncs.define(fixture.definition(SINCE).build()).definition().id();

    assertThat(syncs.define(fixture.definition(SINCE).build()).definition().id()).isEqualTo(id);
    SyncDefinition other = fixture.definition(SINCE.minus(Duration.ofDays(1))).build();
    assertThatThrownBy(() -> syncs.define(other))
        .isInstanceOf(SyncConflict.class)
        .hasMessageContaining(id);
  }

  Set<String> truthIds(Instant availability) {
    return fixture.truth(SINCE, availability, availability).stream()
        .filter(v -> !v.deleted())
        .map(ConversationVersion::conversationId)
        .collect(Collectors.toSet());
  }

  Set<String> liveIds() throws Exception {
    return fixture.copy().entrySet().stream()
        .filter(e -> !e.getValue().deleted())
        .map(e -> e.getKey())
        .collect(Collectors.toSet());
  }
}
