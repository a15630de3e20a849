package dev.gcjobs.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gcjobs.cli.GcjobsProcess;
import dev.gcjobs.emulator.Emulator;
import dev.gcjobs.emulator.EmulatorConfig;
import dev.gcjobs.store.PostgresTestDatabase;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two {@code gcjobs serve} processes on one PostgreSQL store and one state directory share the
 * chunks of one export, and no chunk step runs twice at once.
 *
 * <p>Black-box, so that it holds whatever the engine's internals are (hand-written claims or a
 * scheduler library): the processes are driven and watched only through their public surface
 * (flags, the HTTP API, their logs) and through the emulator they both export from. Each process
 * logs in to the emulator with an OAuth client of its own, so the emulator's {@code GET
 * /emulator/jobs} tells which process submitted which Genesys job and made which request about it,
 * when.
 */
@Tag("process")
@Tag("postgres")
class TwoServeProcessesOnPostgresTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern LISTENING = Pattern.compile("listening on (http://\\S+)");

  private static final Instant START = Instant.parse("2024-05-01T00:00:00Z");
  private static final Instant END = Instant.parse("2024-05-03T00:00:00Z");

  /** 16 chunks of a few dozen conversations, read 5 a page: well over a hundred steps. */
  private static final Duration CHUNK = Duration.ofHours(3);

  private static final int PAGE_SIZE = 5;

  private static final Duration JOB_DELAY = Duration.ofSeconds(2);

  /**
   * Each process's request budget (its {@code --requests-per-minute}), as Genesys' real budget
   * would pace it: one process alone would need most of a minute for this export, so the other gets
   * its share even if it looks for due steps only every few seconds.
   */
  private static final int REQUESTS_PER_MINUTE = 240;

  /** A JVM start and the store's migrations, on two busy cores. */
  private static final Duration START_LIMIT = Duration.ofMinutes(2);

  /** The export takes seconds; this is for a machine busy with other builds. */
  private static final Duration EXPORT_LIMIT = Duration.ofMinutes(4);

  private static final Duration HTTP_TIMEOUT = Duration.ofSeconds(30);

  @TempDir Path dir;

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private final Map<String, GcjobsProcess> processes = new LinkedHashMap<>();
  private PostgresTestDatabase pg;
  private Emulator genesys;

  /** A running {@code gcjobs serve} and the OAuth client it logs in to Genesys with. */
  private record Node(String clientId, GcjobsProcess process, String baseUrl) {}

  @AfterEach
  void stop() throws Exception {
    try {
      for (GcjobsProcess p : processes.values()) {
        p.kill();
      }
    } finally {
      try {
        if (genesys != null) {
          genesys.close();
        }
      } finally {
        if (pg != null) {
          pg.close();
        }
      }
    }
  }

  @Test
  void twoServeProcessesShareOneExportsChunksAndNeverRunAChunkStepTwiceAtOnce() throws Exception {
    pg = PostgresTestDatabase.create(); // skipped without PostgreSQL, a failure with CI=true
    genesys =
        Emulator.start(
            EmulatorConfig.builder()
                .port(0)
                .dataNow(Instant.parse("2024-06-01T00:00:00Z"))
                .conversationsPerDay(200)
                .jobBaseDelay(JOB_DELAY)
                .jobPerRecordDelay(Duration.ZERO)
                .requestsPerMinute(60_000)
                .client("node-a", "secret-a")
                .client("node-b", "secret-b")
                .build());
    try {
      exportOnTwoNodes();
    } catch (Exception | AssertionError e) {
      throw new AssertionError(e.getMessage() + logs(), e);
    }
  }

  private void exportOnTwoNodes() throws Exception {
    // One after the other: both migrating an empty schema at once is not what this is about.
    Node a = start("node-a", "secret-a");
    Node b = start("node-b", "secret-b");
    Instant submitted = Instant.now();
    String body =
        "{\"interval\": \""
            + START
            + "/"
            + END
            + "\", \"options\": {\"chunk\": \""
            + CHUNK
            + "\", \"pageSize\": "
            + PAGE_SIZE
            + "}}";
    HttpResponse<String> accepted =
        send(
            HttpRequest.newBuilder(URI.create(a.baseUrl() + "/v1/exports"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
    String exportId = JSON.readTree(accepted.body()).path("id").asText();

    // Until it ends, whatever the end: a step run twice may fail it, and the emulator's records
    // below say so more precisely than the export's error.
    Map<String, JsonNode> ended =
        await("the export ended as seen from both processes")
            .atMost(EXPORT_LIMIT)
            .pollInterval(Duration.ofMillis(500))
            .until(
                () -> Map.of(a.clientId(), export(a, exportId), b.clientId(), export(b, exportId)),
                states ->
                    states.values().stream()
                        .noneMatch(e -> e.path("state").asText().equals("RUNNING")));
    Duration took = Duration.between(submitted, Instant.now());

    List<Job> jobs = jobs();
    assertThat(jobs.stream().map(Job::interval).toList())
        .as("the chunk intervals of the Genesys jobs submitted: none twice")
        .doesNotHaveDuplicates();
    for (Job job : jobs) {
      assertThat(pagesRead(job))
          .as("results pages of job %s (chunk %s) read, by cursor", job.id(), job.interval())
          .doesNotHaveDuplicates();
    }
    assertThat(overlaps(jobs))
        .as("requests about one job from both processes at once: one chunk's steps in parallel")
        .isEmpty();
    ended.forEach(
        (node, export) ->
            assertThat(export.path("state").asText())
                .as("the export as %s answers it: %s", node, export)
                .isEqualTo("DONE"));

    List<String> chunks = new ArrayList<>();
    for (Instant t = START; t.isBefore(END); t = t.plus(CHUNK)) {
      chunks.add(t + "/" + t.plus(CHUNK));
    }
    assertThat(jobs.stream().map(Job::interval).toList())
        .as("the chunk intervals of the Genesys jobs submitted: each chunk once")
        .containsExactlyInAnyOrderElementsOf(chunks);
    for (Job job : jobs) {
      assertThat(pagesRead(job))
          .as(
              "results pages of job %s (chunk %s, %d records) read",
              job.id(), job.interval(), job.records())
          .hasSize(Math.max(1, (job.records() + PAGE_SIZE - 1) / PAGE_SIZE));
    }

    Map<String, String> work = new TreeMap<>();
    for (Node node : List.of(a, b)) {
      work.put(node.clientId(), workOf(jobs, node.clientId()));
      assertThat(stepsOf(jobs, node.clientId()))
          .as("requests about this export's jobs from %s", node.clientId())
          .isPositive();
    }
    for (Job job : jobs) {
      Node submitter = job.clientId().equals(a.clientId()) ? a : b;
      assertThat(submitter.process().stderr().lines())
          .as("a line of %s's log naming the export and the job it submitted", job.clientId())
          .anyMatch(line -> line.contains(exportId) && line.contains(job.id()));
    }

    JsonNode status = JSON.readTree(get(b, "/v1/exports/" + exportId).body());
    assertThat(status.path("progress").path("chunksTotal").asInt()).isEqualTo(chunks.size());
    assertThat(status.path("progress").path("chunksDone").asInt()).isEqualTo(chunks.size());
    HttpResponse<String> fromA = get(a, "/v1/exports/" + exportId + "/download");
    HttpResponse<String> fromB = get(b, "/v1/exports/" + exportId + "/download");
    assertThat(fromA.statusCode()).as(fromA.body()).isEqualTo(200);
    assertThat(fromB.body())
        .as("the output as downloaded from each process")
        .isEqualTo(fromA.body());
    List<String> ids = new ArrayList<>();
    for (String line : fromA.body().split("\n")) {
      if (!line.isEmpty()) {
        ids.add(JSON.readTree(line).path("conversationId").asText());
      }
    }
    assertThat(ids)
        .as("conversation ids of the output")
        .doesNotHaveDuplicates()
        .containsExactlyInAnyOrderElementsOf(groundTruth());
    assertThat(status.path("progress").path("records").asInt()).isEqualTo(ids.size());
    System.out.printf(
        "export %s: %d chunks, %d records, DONE after %d ms; %s%n",
        exportId, chunks.size(), ids.size(), took.toMillis(), work);
  }

  /** Starts {@code gcjobs serve} on the shared store and state directory, and waits for it. */
  private Node start(String clientId, String secret) throws IOException {
    GcjobsProcess process =
        GcjobsProcess.start(
            dir,
            clientId,
            List.of(
                "serve",
                "--port",
                "0",
                "--insecure-no-auth",
                "--state-dir",
                dir.resolve("state").toString(),
                "--db",
                pg.url(),
                "--domain",
                genesys.baseUrl(),
                "--client-id",
                clientId,
                "--client-secret",
                secret,
                "--requests-per-minute",
                Integer.toString(REQUESTS_PER_MINUTE)));
    processes.put(clientId, process);
    String baseUrl =
        await(clientId + " listening")
            .atMost(START_LIMIT)
            .pollInterval(Duration.ofMillis(200))
            .until(
                () -> {
                  if (!process.isAlive()) {
                    throw new AssertionError(clientId + " ended before listening");
                  }
                  Matcher m = LISTENING.matcher(process.stderr());
                  return m.find() ? m.group(1) : null;
                },
                Objects::nonNull);
    return new Node(clientId, process, baseUrl);
  }

  /** The export as {@code node} answers {@code GET /v1/exports/{id}}. */
  private JsonNode export(Node node, String exportId) throws Exception {
    HttpResponse<String> answer = get(node, "/v1/exports/" + exportId);
    assertThat(answer.statusCode()).as("%s: %s", node.clientId(), answer.body()).isEqualTo(200);
    return JSON.readTree(answer.body());
  }

  /**
   * One Genesys job as the emulator saw it: who submitted it, for which chunk, and the requests.
   */
  private record Job(
      String id, String clientId, String interval, int records, List<Call> requests) {}

  /** A status, results or cancel request about a job. */
  private record Call(
      String endpoint,
      String clientId,
      String cursor,
      int status,
      Instant startedAt,
      Instant endedAt) {
    boolean overlaps(Call other) {
      return startedAt.isBefore(other.endedAt) && other.startedAt.isBefore(endedAt);
    }

    @Override
    public String toString() {
      return endpoint
          + " by "
          + clientId
          + (cursor == null ? "" : " cursor " + cursor)
          + " -> "
          + status
          + " ["
          + startedAt
          + ", "
          + endedAt
          + "]";
    }
  }

  private List<Job> jobs() throws Exception {
    HttpResponse<String> answer =
        send(HttpRequest.newBuilder(URI.create(genesys.baseUrl() + "/emulator/jobs")));
    List<Job> jobs = new ArrayList<>();
    for (JsonNode job : JSON.readTree(answer.body()).path("jobs")) {
      List<Call> requests = new ArrayList<>();
      for (JsonNode r : job.path("requests")) {
        requests.add(
            new Call(
                r.path("endpoint").asText(),
                r.path("clientId").asText(null),
                r.path("cursor").asText(null),
                r.path("status").asInt(),
                Instant.parse(r.path("startedAt").asText()),
                Instant.parse(r.path("endedAt").asText())));
      }
      String[] interval = job.path("interval").asText().split("/");
      jobs.add(
          new Job(
              job.path("id").asText(),
              job.path("clientId").asText(),
              Instant.parse(interval[0]) + "/" + Instant.parse(interval[1]),
              job.path("records").asInt(),
              requests));
    }
    return jobs;
  }

  /** The results pages of a job that were answered, by their cursor. */
  private static List<String> pagesRead(Job job) {
    return job.requests().stream()
        .filter(r -> r.endpoint().equals("results") && r.status() == 200)
        .map(r -> r.cursor() == null ? "(first page)" : r.cursor())
        .toList();
  }

  /** Pairs of requests about one job, one from each process, that the emulator served at once. */
  private static List<String> overlaps(List<Job> jobs) {
    List<String> found = new ArrayList<>();
    for (Job job : jobs) {
      List<Call> calls = job.requests();
      for (int i = 0; i < calls.size(); i++) {
        for (int j = i + 1; j < calls.size(); j++) {
          Call x = calls.get(i);
          Call y = calls.get(j);
          if (!Objects.equals(x.clientId(), y.clientId()) && x.overlaps(y)) {
            found.add("job " + job.id() + " (" + job.interval() + "): " + x + " and " + y);
          }
        }
      }
    }
    return found;
  }

  /** How many requests (submits included) a process made about the jobs. */
  private static long stepsOf(List<Job> jobs, String clientId) {
    long submits = jobs.stream().filter(j -> j.clientId().equals(clientId)).count();
    long requests =
        jobs.stream()
            .flatMap(j -> j.requests().stream())
            .filter(r -> clientId.equals(r.clientId()))
            .count();
    return submits + requests;
  }

  /** What a process did, for the test's output. */
  private static String workOf(List<Job> jobs, String clientId) {
    Map<String, Long> byEndpoint = new TreeMap<>();
    byEndpoint.put("submit", jobs.stream().filter(j -> j.clientId().equals(clientId)).count());
    jobs.stream()
        .flatMap(j -> j.requests().stream())
        .filter(r -> clientId.equals(r.clientId()))
        .forEach(r -> byEndpoint.merge(r.endpoint(), 1L, Long::sum));
    return byEndpoint.toString();
  }

  /** The conversation ids the emulator holds for the export's interval. */
  private List<String> groundTruth() throws Exception {
    HttpResponse<String> answer =
        send(
            HttpRequest.newBuilder(
                    URI.create(genesys.baseUrl() + "/emulator/ground-truth/conversations"))
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"interval\": \"" + START + "/" + END + "\"}")));
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    List<String> ids = new ArrayList<>();
    JSON.readTree(answer.body()).path("ids").forEach(id -> ids.add(id.asText()));
    assertThat(ids).as("the emulator's conversations in the interval").isNotEmpty();
    return ids;
  }

  private HttpResponse<String> get(Node node, String path) throws Exception {
    return send(HttpRequest.newBuilder(URI.create(node.baseUrl() + path)));
  }

  private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return http.send(
        request.timeout(HTTP_TIMEOUT).build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  /** Both processes' output, for a failure message. */
  private String logs() {
    StringBuilder text = new StringBuilder();
    processes.forEach((name, p) -> text.append("\n=== ").append(name).append(": ").append(p));
    return text.toString();
  }
}
