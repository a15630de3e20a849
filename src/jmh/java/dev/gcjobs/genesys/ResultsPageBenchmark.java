package dev.gcjobs.genesys;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mypurecloud.sdk.v2.ApiClient;
import com.mypurecloud.sdk.v2.model.AnalyticsConversation;
import com.mypurecloud.sdk.v2.model.AnalyticsConversationAsyncQueryResponse;
import dev.gcjobs.emulator.EmulatedRecord;
import dev.gcjobs.emulator.LakeChanges;
import dev.gcjobs.emulator.SyntheticAnalyticsData;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The results-page path, response bytes in and records out: gcjobs's streaming copy of each
 * record's bytes against the official SDK's typed deserialization of the same 1000-conversation
 * page (made by the emulator's generator), in the same JVM. Scores are records per second.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@OperationsPerInvocation(ResultsPageBenchmark.RECORDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ResultsPageBenchmark {
  static final int RECORDS = 1000;

  private byte[] page;
  private ObjectMapper sdkMapper;
  private ApiClient sdkClient;

  @Setup
  public void setUp() throws Exception {
    page = emulatorPage();
    sdkClient = ApiClient.Builder.standard().build();
    sdkMapper = sdkClient.getObjectMapper();
    int parsed = ResultsPageParser.parse(page, "conversations").records().size();
    List<AnalyticsConversation> typed =
        sdkMapper.readValue(page, AnalyticsConversationAsyncQueryResponse.class).getConversations();
    if (parsed != RECORDS || typed.size() != RECORDS) {
      throw new IllegalStateException("page has " + parsed + " / " + typed.size() + " records");
    }
  }

  /** gcjobs: one streaming pass, each record's bytes copied out and handed on. */
  @Benchmark
  public void gcjobsStreamingRecords(Blackhole bh) throws Exception {
    ResultsPageParser.parse(page, "conversations").records().forEach(bh::consume);
  }

  /** The SDK's model classes, read straight from the bytes with the SDK's configured mapper. */
  @Benchmark
  public void sdkTypedFromBytes(Blackhole bh) throws Exception {
    sdkMapper
        .readValue(page, AnalyticsConversationAsyncQueryResponse.class)
        .getConversations()
        .forEach(bh::consume);
  }

  /** What the SDK's ApiClient really does: the body as a String, then {@code deserialize}. */
  @Benchmark
  public void sdkTypedViaApiClient(Blackhole bh) throws Exception {
    sdkClient
        .deserialize(
            new String(page, StandardCharsets.UTF_8), AnalyticsConversationAsyncQueryResponse.class)
        .getConversations()
        .forEach(bh::consume);
  }

  /** A results page of the first 1000 conversations of a busy emulated day. */
  static byte[] emulatorPage() throws Exception {
    Instant now = Instant.parse("2024-06-01T00:00:00Z");
    SyntheticAnalyticsData data =
        new SyntheticAnalyticsData(
            SyntheticAnalyticsData.DEFAULT_SEED,
            2000,
            50,
            Clock.fixed(now, ZoneOffset.UTC),
            Duration.ZERO,
            LakeChanges.DEFAULT);
    List<EmulatedRecord> records =
        data.conversations(
            new ObjectMapper()
                .readTree("{\"interval\":\"2024-05-20T00:00:00.000Z/2024-05-21T00:00:00.000Z\"}"));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes("{\"conversations\":[".getBytes(StandardCharsets.UTF_8));
    for (int i = 0; i < RECORDS; i++) {
      if (i > 0) {
        out.write(',');
      }
      out.writeBytes(records.get(i).json());
    }
    out.writeBytes(
        ("],\"cursor\":\"eyJvZmZzZXQiOjEwMDB9\",\"dataAvailabilityDate\":\"" + now + "\"}")
            .getBytes(StandardCharsets.UTF_8));
    return out.toByteArray();
  }
}
