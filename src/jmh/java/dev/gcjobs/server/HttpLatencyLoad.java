package dev.gcjobs.server;

import dev.gcjobs.emulator.Emulator;
import dev.gcjobs.emulator.EmulatorConfig;
import dev.gcjobs.engine.Engine;
import dev.gcjobs.engine.EngineSettings;
import dev.gcjobs.engine.ExportService;
import dev.gcjobs.genesys.Credentials;
import dev.gcjobs.genesys.GenesysClient;
import dev.gcjobs.store.Database;
import dev.gcjobs.store.PostgresTestDatabase;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;

/**
 * Open-loop load on {@code gcjobs serve}: requests leave at a fixed rate whatever the answers do,
 * and each latency counts from the moment its request was due (so a stalled server shows up as
 * latency, not as fewer requests). Runs the real service over the real engine, an H2 store and the
 * built-in emulator in this JVM, with exports running throughout.
 *
 * <pre>{@code
 * java -cp target/test-classes:target/classes:$(cat /tmp/cp.txt) \
 *   dev.gcjobs.server.HttpLatencyLoad [SECONDS [h2|postgres|memory [get|new|again]]]
 * }</pre>
 *
 * With {@code postgres}, the store is a fresh schema in database {@code test} on 127.0.0.1:5432,
 * dropped at the end. With {@code memory}, the engine is the tests' in-memory double: what the HTTP
 * layer alone costs. A fourth argument runs one scenario only.
 */
public final class HttpLatencyLoad {
  private static final String KEY = "load-test-key-0123456789";
  private static final Duration WARMUP = Duration.ofSeconds(5);

  /** One measured run. */
  record Result(String scenario, int rate, int sent, int failed, long p50, long p99, long max) {
    String row() {
      return String.format(
          "| %s | %d | %d | %d | %.2f | %.2f | %.2f |",
          scenario, rate, sent, failed, p50 / 1e6, p99 / 1e6, max / 1e6);
    }
  }

  public static void main(String[] args) throws Exception {
    // On 2 cores the common pool has one thread, and CompletableFuture then starts a new thread for
    // every async completion: the JDK HttpClient of this load generator started 30,000 threads in a
    // 20 s run, and their cost showed up as the service's latency. Set before anything uses it.
    System.setProperty("java.util.concurrent.ForkJoinPool.common.parallelism", "2");
    Duration measure = Duration.ofSeconds(args.length > 0 ? Integer.parseInt(args[0]) : 20);
    Path dir = Files.createTempDirectory("gcjobs-load");
    // Jobs that take a while, so exports stay RUNNING and the engine keeps polling meanwhile.
    Emulator emulator =
        Emulator.start(
            EmulatorConfig.builder()
                .port(0)
                .conversationsPerDay(100)
                .dataNow(Instant.parse("2024-06-01T00:00:00Z"))
                .jobBaseDelay(Duration.ofSeconds(30))
                .requestsPerMinute(60_000)
                .build());
    GenesysClient genesys =
        GenesysClient.builder()
            .domain(emulator.baseUrl())
            .credentials(new Credentials(emulator.clientId(), emulator.clientSecret()))
            .build();
    String store = args.length > 1 ? args[1] : "h2";
    boolean postgres = store.equals("postgres");
    PostgresTestDatabase schema = postgres ? PostgresTestDatabase.create() : null;
    Database db = Database.open(postgres ? schema.url() : Database.h2FileUrl(dir));
    System.out.println("store: " + store);
    Engine engine =
        new Engine(
            db, genesys.analyticsJobs(), "load", EngineSettings.defaults(dir), Clock.systemUTC());
    engine.start();
    ExportService service =
        store.equals("memory") ? new InMemoryExportService(Clock.systemUTC()) : engine;
    ServiceApp app =
        ServiceApp.create(
                service,
                HealthChecks.alwaysReady(),
                new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
                ServerSettings.builder(dir)
                    .port(0)
                    .apiKeys(EnvApiKeys.parse(KEY))
                    .rateLimit(new RateLimit(100_000, 100_000))
                    .build())
            .start();
    ExecutorService clientThreads = Executors.newFixedThreadPool(4);
    HttpClient http = HttpClient.newBuilder().executor(clientThreads).build();
    try {
      String base = app.baseUrl();
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        ids.add(
            submitOne(http, base, Instant.parse("2024-04-01T00:00:00Z").plus(Duration.ofDays(i))));
      }
      AtomicLong minute = new AtomicLong();
      Instant postBase = Instant.parse("2020-01-01T00:00:00Z");
      IntFunction<HttpRequest> get =
          i -> authorized(base + "/v1/exports/" + ids.get(i % ids.size())).GET().build();
      // Every submit is a new export (its own interval): the engine plans and stores each one.
      IntFunction<HttpRequest> post =
          i ->
              authorized(base + "/v1/exports")
                  .header("Content-Type", "application/json")
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          body(postBase.plus(Duration.ofMinutes(minute.incrementAndGet())))))
                  .build();
      // A retried submit (no Idempotency-Key): the same request finds the same export.
      IntFunction<HttpRequest> again =
          i ->
              authorized(base + "/v1/exports")
                  .header("Content-Type", "application/json")
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          body(
                              Instant.parse("2024-04-01T00:00:00Z")
                                  .plus(Duration.ofDays(i % ids.size())))))
                  .build();
      String only = args.length > 2 ? args[2] : null;
      List<Result> results = new ArrayList<>();
      for (int rate : new int[] {200, 1000}) {
        if (only == null || only.equals("get")) {
          results.add(run(http, "GET /v1/exports/{id}", rate, measure, get));
        }
      }
      for (int rate : new int[] {200, 1000}) {
        if (only == null || only.equals("new")) {
          results.add(run(http, "POST /v1/exports (new export)", rate, measure, post));
        }
      }
      for (int rate : new int[] {200, 1000}) {
        if (only == null || only.equals("again")) {
          results.add(run(http, "POST /v1/exports (same request again)", rate, measure, again));
        }
      }
      System.out.println(
          "| route | rate (req/s) | requests | failed | p50 (ms) | p99 (ms) | max (ms) |");
      System.out.println("|---|---|---|---|---|---|---|");
      results.forEach(r -> System.out.println(r.row()));
    } finally {
      app.close();
      engine.close();
      db.close();
      emulator.close();
      clientThreads.shutdownNow();
      if (schema != null) {
        schema.close();
      }
      try (var files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static HttpRequest.Builder authorized(String url) {
    return HttpRequest.newBuilder(URI.create(url))
        .timeout(Duration.ofSeconds(30))
        .header("Authorization", "Bearer " + KEY);
  }

  private static String body(Instant start) {
    return "{\"interval\": \"" + start + "/PT1H\", \"filters\": [\"mediaType=voice\"]}";
  }

  private static String submitOne(HttpClient http, String base, Instant start)
      throws IOException, InterruptedException {
    HttpResponse<String> response =
        http.send(
            authorized(base + "/v1/exports")
                .POST(HttpRequest.BodyPublishers.ofString(body(start)))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    String text = response.body();
    int at = text.indexOf("\"id\":\"") + 6;
    return text.substring(at, text.indexOf('"', at));
  }

  /** Warms up, then sends at {@code rate} for {@code measure} and reports the latencies. */
  private static Result run(
      HttpClient http,
      String scenario,
      int rate,
      Duration measure,
      IntFunction<HttpRequest> request)
      throws InterruptedException {
    send(http, rate, WARMUP, request, null, new AtomicInteger());
    int count = (int) (rate * measure.toSeconds());
    long[] latencies = new long[count];
    AtomicInteger failed = new AtomicInteger();
    send(http, rate, measure, request, latencies, failed);
    long[] sorted = latencies.clone();
    Arrays.sort(sorted);
    return new Result(
        scenario,
        rate,
        count,
        failed.get(),
        sorted[(int) (count * 0.50)],
        sorted[Math.min(count - 1, (int) (count * 0.99))],
        sorted[count - 1]);
  }

  private static void send(
      HttpClient http,
      int rate,
      Duration duration,
      IntFunction<HttpRequest> request,
      long[] latencies,
      AtomicInteger failed)
      throws InterruptedException {
    int count = (int) (rate * duration.toSeconds());
    long interval = TimeUnit.SECONDS.toNanos(1) / rate;
    List<CompletableFuture<?>> pending = new ArrayList<>(count);
    long start = System.nanoTime();
    for (int i = 0; i < count; i++) {
      long due = start + i * interval;
      long wait = due - System.nanoTime();
      if (wait > 0) {
        LockSupport.parkNanos(wait);
      }
      int index = i;
      pending.add(
          http.sendAsync(request.apply(i), HttpResponse.BodyHandlers.ofByteArray())
              .handle(
                  (response, error) -> {
                    long latency = System.nanoTime() - due;
                    if (latencies != null) {
                      latencies[index] = latency;
                    }
                    if (error != null || response.statusCode() >= 300) {
                      failed.incrementAndGet();
                    }
                    return null;
                  }));
    }
    CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).join();
  }
}
