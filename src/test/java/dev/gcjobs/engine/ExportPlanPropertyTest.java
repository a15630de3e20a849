package dev.gcjobs.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Tag;
import net.jqwik.api.constraints.LongRange;

@Tag("unit")
class ExportPlanPropertyTest {
  private static final Instant BASE = Instant.parse("2020-01-01T00:00:00Z");

  @Property
  void chunksCoverTheIntervalExactlyInOrderWithoutGapsOrOverlaps(
      @ForAll @LongRange(min = 0, max = 400L * 24 * 3600 * 1000) long startOffsetMillis,
      @ForAll @LongRange(min = 1, max = 90L * 24 * 3600 * 1000) long lengthMillis,
      @ForAll @LongRange(min = 60_000, max = 10L * 24 * 3600 * 1000) long chunkMillis) {
    ExportInterval interval =
        new ExportInterval(
            BASE.plusMillis(startOffsetMillis), BASE.plusMillis(startOffsetMillis + lengthMillis));
    Duration chunkSize = Duration.ofMillis(chunkMillis);
    Assume.that(interval.duration().dividedBy(chunkSize) < ExportPlan.MAX_CHUNKS);
    List<ChunkSpec> chunks = ExportPlan.of(interval, chunkSize).chunks();

    assertThat(chunks.get(0).start()).isEqualTo(interval.start());
    assertThat(chunks.get(chunks.size() - 1).end()).isEqualTo(interval.end());
    for (int i = 0; i < chunks.size(); i++) {
      ChunkSpec chunk = chunks.get(i);
      assertThat(chunk.seq()).isEqualTo(i);
      assertThat(chunk.start()).isBefore(chunk.end());
      assertThat(Duration.between(chunk.start(), chunk.end())).isLessThanOrEqualTo(chunkSize);
      if (i > 0) {
        assertThat(chunk.start()).isEqualTo(chunks.get(i - 1).end());
      }
      if (i < chunks.size() - 1) {
        assertThat(Duration.between(chunk.start(), chunk.end())).isEqualTo(chunkSize);
      }
    }
  }
}
