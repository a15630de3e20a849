package dev.gcjobs.engine;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cost of deciding ownership for one conversation record, with {@code conversationStart} early
 * (Genesys' usual field order) and last (after a large participants array).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class OwnershipBenchmark {
  private final Ownership ownership = Ownership.forKind(ExportKind.CONVERSATIONS);
  private final ChunkSpec chunk =
      new ChunkSpec(
          0, Instant.parse("2024-01-01T00:00:00Z"), Instant.parse("2024-01-02T00:00:00Z"));
  private final Instant exportStart = chunk.start();
  private final byte[] startFirst = record(true);
  private final byte[] startLast = record(false);

  private static byte[] record(boolean startFirst) {
    StringBuilder participants = new StringBuilder("[");
    for (int p = 0; p < 4; p++) {
      participants
          .append(p == 0 ? "" : ",")
          .append("{\"participantId\":\"p")
          .append(p)
          .append("\",\"purpose\":\"agent\",\"sessions\":[{\"mediaType\":\"voice\",\"segments\":[");
      for (int s = 0; s < 6; s++) {
        participants
            .append(s == 0 ? "" : ",")
            .append("{\"segmentStart\":\"2024-01-01T10:00:00.000Z\",")
            .append("\"segmentEnd\":\"2024-01-01T10:05:00.000Z\",\"segmentType\":\"interact\",")
            .append("\"queueId\":\"6a1b2c3d-0000-4000-8000-000000000000\"}");
      }
      participants.append("]}]}");
    }
    participants.append("]");
    String start = "\"conversationStart\":\"2024-01-01T10:00:00.000Z\"";
    String json =
        startFirst
            ? "{\"conversationId\":\"c1\"," + start + ",\"participants\":" + participants + "}"
            : "{\"conversationId\":\"c1\",\"participants\":" + participants + "," + start + "}";
    return json.getBytes(StandardCharsets.UTF_8);
  }

  @Benchmark
  public boolean conversationStartFirst() {
    return ownership.owns(chunk, exportStart, startFirst);
  }

  @Benchmark
  public boolean conversationStartAfterParticipants() {
    return ownership.owns(chunk, exportStart, startLast);
  }
}
