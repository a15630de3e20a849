package dev.gcjobs.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class ExportPlanTest {

  private static ExportInterval interval(String text) {
    return IntervalParser.parse(text);
  }

  @Test
  void aMonthInDailyChunksIsThirtyOneChunksOfADay() {
    ExportPlan plan = ExportPlan.of(interval("2024-01-01/2024-02-01"), Duration.ofDays(1));
    assertThat(plan.chunks()).hasSize(31);
    assertThat(plan.chunks().get(0))
        .isEqualTo(
            new ChunkSpec(
                0, Instant.parse("2024-01-01T00:00:00Z"), Instant.parse("2024-01-02T00:00:00Z")));
    assertThat(plan.chunks().get(30).end()).isEqualTo(Instant.parse("2024-02-01T00:00:00Z"));
  }

  @Test
  void chunksAlignOnTheIntervalStartAndTheLastIsShorter() {
    ExportPlan plan =
        ExportPlan.of(interval("2024-01-01T03:00:00Z/2024-01-01T17:00:00Z"), Duration.ofHours(6));
    assertThat(plan.chunks())
        .extracting(c -> c.interval().toWireString())
        .containsExactly(
            "2024-01-01T03:00:00.000Z/2024-01-01T09:00:00.000Z",
            "2024-01-01T09:00:00.000Z/2024-01-01T15:00:00.000Z",
            "2024-01-01T15:00:00.000Z/2024-01-01T17:00:00.000Z");
    assertThat(plan.chunks()).extracting(ChunkSpec::seq).containsExactly(0, 1, 2);
  }

  @Test
  void aChunkLargerThanTheIntervalGivesOneChunk() {
    ExportPlan plan = ExportPlan.of(interval("2024-01-01T00:00Z/PT2H"), Duration.ofDays(1));
    assertThat(plan.chunks())
        .singleElement()
        .satisfies(c -> assertThat(c.interval()).isEqualTo(plan.interval()));
  }

  @Test
  void chunkCountMatchesThePlanWithoutBuildingIt() {
    ExportInterval interval = interval("2024-01-01/2024-03-01");
    assertThat(ExportPlan.chunkCount(interval, Duration.ofHours(7)))
        .isEqualTo(ExportPlan.of(interval, Duration.ofHours(7)).chunks().size());
  }

  @Test
  void aChunkContainsItsStartButNotItsEnd() {
    ChunkSpec chunk =
        new ChunkSpec(
            0, Instant.parse("2024-01-01T00:00:00Z"), Instant.parse("2024-01-02T00:00:00Z"));
    assertThat(chunk.contains(chunk.start())).isTrue();
    assertThat(chunk.contains(chunk.end().minusMillis(1))).isTrue();
    assertThat(chunk.contains(chunk.end())).isFalse();
  }
}
