package dev.gcjobs.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Serving conversation job results pages of 1,000 records: over real HTTP on loopback (the whole
 * server path, with a JDK HttpClient reading each page), and the page-writing step alone. Reports
 * records/s and bytes/s as auxiliary counters.
 *
 * <p>Run: {@code java -cp ... org.openjdk.jmh.Main ResultsPageBenchmark -f 1 -wi 2 -i 3 -t 1}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ResultsPageBenchmark {
  static final int PAGE_SIZE = 1000;
  static final String INTERVAL = "2024-05-06T00:00:00Z/2024-05-09T00:00:00Z";

  /** A running emulator with one FULFILLED job and the cursors of all its pages. */
  @State(Scope.Benchmark)
  public static class Server {
    Emulator emulator;
    HttpClient http;
    String token;
    final List<URI> pages = new ArrayList<>();
    List<EmulatedRecord> records;

    @Setup(Level.Trial)
    public void start() throws Exception {
      emulator =
          Emulator.start(
              EmulatorConfig.builder()
                  .dataNow(Instant.parse("2024-05-10T00:00:00Z"))
                  .jobBaseDelay(Duration.ZERO)
                  .jobPerRecordDelay(Duration.ZERO)
                  .requestsPerMinute(100_000_000)
                  .build());
      http = HttpClient.newHttpClient();
      String basic =
          Base64.getEncoder()
              .encodeToString(
                  (emulator.clientId() + ":" + emulator.clientSecret())
                      .getBytes(StandardCharsets.UTF_8));
      token =
          json(http.send(
                  HttpRequest.newBuilder(URI.create(emulator.baseUrl() + "/oauth/token"))
                      .header("Authorization", "Basic " + basic)
                      .header("Content-Type", "application/x-www-form-urlencoded")
                      .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
                      .build(),
                  HttpResponse.BodyHandlers.ofByteArray()))
              .path("access_token")
              .asText();
      String jobs = emulator.baseUrl() + "/api/v2/analytics/conversations/details/jobs";
      String jobId =
          json(http.send(
                  authorized(URI.create(jobs))
                      .header("Content-Type", "application/json")
                      .POST(
                          HttpRequest.BodyPublishers.ofString(
                              "{\"interval\":\"" + INTERVAL + "\"}"))
                      .build(),
                  HttpResponse.BodyHandlers.ofByteArray()))
              .path("jobId")
              .asText();
      String cursor = null;
      do { // walks every page once: collects cursors and renders every record's JSON
        URI page =
            URI.create(
                jobs
                    + "/"
                    + jobId
                    + "/results?pageSize="
                    + PAGE_SIZE
                    + (cursor == null ? "" : "&cursor=" + cursor));
        JsonNode body =
            json(
                http.send(authorized(page).GET().build(), HttpResponse.BodyHandlers.ofByteArray()));
        if (body.path("conversations").size() == PAGE_SIZE) {
          pages.add(page); // full pages only, so every operation serves PAGE_SIZE records
        }
        cursor = body.hasNonNull("cursor") ? body.path("cursor").asText() : null;
      } while (cursor != null);
      records =
          new SyntheticAnalyticsData(
                  EmulatorConfig.DEFAULT_SEED,
                  EmulatorConfig.DEFAULT_CONVERSATIONS_PER_DAY,
                  EmulatorConfig.DEFAULT_USERS,
                  java.time.Clock.fixed(
                      Instant.parse("2024-05-10T00:00:00Z"), java.time.ZoneOffset.UTC),
                  Duration.ZERO,
                  LakeChanges.DEFAULT)
              .conversations(WireJson.MAPPER.readTree("{\"interval\":\"" + INTERVAL + "\"}"))
              .subList(0, PAGE_SIZE);
      records.forEach(EmulatedRecord::json); // renders before measuring
    }

    HttpRequest.Builder authorized(URI uri) {
      return HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token);
    }

    @TearDown(Level.Trial)
    public void stop() {
      emulator.close();
    }

    private static JsonNode json(HttpResponse<byte[]> answer) throws IOException {
      if (answer.statusCode() >= 300) {
        throw new IllegalStateException(answer.statusCode() + " " + new String(answer.body()));
      }
      return WireJson.MAPPER.readTree(answer.body());
    }
  }

  /** Records and bytes served, reported by JMH as rates per second. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  public static class Served {
    public long records;
    public long bytes;
    int next;
  }

  @Benchmark
  public int overLoopbackHttp(Server server, Served served) throws Exception {
    URI page = server.pages.get(served.next++ % server.pages.size());
    HttpResponse<byte[]> answer =
        server.http.send(
            server.authorized(page).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    if (answer.statusCode() != 200) {
      throw new IllegalStateException("results page answered " + answer.statusCode());
    }
    served.records += PAGE_SIZE;
    served.bytes += answer.body().length;
    return answer.body().length;
  }

  @Benchmark
  public int pageWritingOnly(Server server, Served served) {
    byte[] page =
        ResultPage.jobResults(
            "conversations", server.records, "cursor", "2024-05-10T00:00:00.000Z");
    served.records += PAGE_SIZE;
    served.bytes += page.length;
    return page.length;
  }
}
