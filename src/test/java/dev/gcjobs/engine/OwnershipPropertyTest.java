package dev.gcjobs.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Tag;
import net.jqwik.api.constraints.LongRange;

@Tag("unit")
class OwnershipPropertyTest {
  private static final Instant BASE = Instant.parse("2024-01-01T00:00:00Z");
  private static final long DAY = 24L * 3600 * 1000;
  private static final Ownership OWNERSHIP = Ownership.forKind(ExportKind.CONVERSATIONS);

  /**
   * Genesys returns a conversation to every chunk whose interval its lifetime overlaps (an
   * unfinished conversation lasts forever); among those chunks exactly one must write it.
   */
  @Property
  void exactlyOneChunkThatReceivesAConversationWritesIt(
      @ForAll @LongRange(min = 0, max = 5 * DAY) long exportStartOffset,
      @ForAll @LongRange(min = 60_000, max = 10 * DAY) long exportLength,
      @ForAll @LongRange(min = 600_000, max = 3 * DAY) long chunkMillis,
      @ForAll @LongRange(min = 0, max = 20 * DAY) long conversationStartOffset,
      @ForAll @LongRange(min = -1, max = 4 * DAY) long conversationLength) {
    Instant exportStart = BASE.plusMillis(exportStartOffset);
    ExportInterval export = new ExportInterval(exportStart, exportStart.plusMillis(exportLength));
    Duration chunkSize = Duration.ofMillis(chunkMillis);
    List<ChunkSpec> chunks = ExportPlan.of(export, chunkSize).chunks();
    Instant start = BASE.plusMillis(conversationStartOffset);
    // -1: still in progress (no end); otherwise it lasts at least a millisecond.
    Instant end = conversationLength < 0 ? null : start.plusMillis(conversationLength + 1);
    byte[] record = record(start, end);

    List<ChunkSpec> receiving = chunks.stream().filter(c -> overlaps(c, start, end)).toList();
    long writers = receiving.stream().filter(c -> OWNERSHIP.owns(c, exportStart, record)).count();

    boolean overlapsExport =
        start.isBefore(export.end()) && (end == null || end.isAfter(exportStart));
    assertThat(writers).isEqualTo(overlapsExport ? 1 : 0);
    if (overlapsExport) {
      // The owner is always among the chunks that receive it: nothing is lost.
      assertThat(chunks.stream().filter(c -> !receiving.contains(c)))
          .noneMatch(c -> OWNERSHIP.owns(c, exportStart, record));
    }
  }

  private static boolean overlaps(ChunkSpec chunk, Instant start, Instant end) {
    return start.isBefore(chunk.end()) && (end == null || end.isAfter(chunk.start()));
  }

  private static byte[] record(Instant start, Instant end) {
    String json =
        "{\"conversationId\":\"c\",\"participants\":[{\"purpose\":\"agent\"}],"
            + "\"conversationStart\":\""
            + start
            + "\""
            + (end == null ? "" : ",\"conversationEnd\":\"" + end + "\"")
            + "}";
    return json.getBytes(StandardCharsets.UTF_8);
  }
}
