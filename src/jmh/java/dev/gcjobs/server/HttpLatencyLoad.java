package dev.gcjobs.server;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
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
 * Open-loop load on a running {@code gcjobs serve}: requests leave at a fixed rate whatever the
 * answers do, and each latency counts from the moment its request was due (so a stalled server
 * shows up as latency, not as fewer requests). The service runs in its own process, as it does for
 * real clients; {@code bench/http-latency.sh} starts it with the built-in emulator and runs this.
 *
 * <pre>{@code
 * GCJOBS_API_KEYS=KEY java -cp target/test-classes:target/classes:$(cat /tmp/cp.txt) \
 *   dev.gcjobs.server.HttpLatencyLoad BASE_URL [SECONDS [get|new|again|all [RATE,RATE...]]]
 * }</pre>
 *
 * The API key is the first of {@code GCJOBS_API_KEYS}; the service's per-key rate limit must be
 * above the rates asked for. By default it runs all three scenarios, each at 200 and at 1,000/s.
 */
public final class HttpLatencyLoad {
  /**
   * Seconds of load at each run's rate before it is measured ({@code GCJOBS_BENCH_WARMUP}, default
   * 30): at 1,000 new exports a second the service's JIT compilers work for about 25 s; 0 measures
   * a cold start.
   */
  private static final Duration WARMUP =
      Duration.ofSeconds(Long.parseLong(System.getenv().getOrDefault("GCJOBS_BENCH_WARMUP", "30")));

  /** One measured run; {@code secondP99} holds the p99 of each second, to show when stalls were. */
  record Result(
      String scenario,
      int rate,
      int sent,
      int failed,
      long p50,
      long p99,
      long max,
      long[] secondP99,
      LocalTime started) {
    String row() {
      return String.format(
          "| %s | %d | %d | %d | %.2f | %.2f | %.2f |",
          scenario, rate, sent, failed, p50 / 1e6, p99 / 1e6, max / 1e6);
    }

    String timeline() {
      StringBuilder line =
          new StringBuilder(
              scenario
                  + " at "
                  + rate
                  + "/s, p99 of each second from "
                  + String.format("%tT", started)
                  + " (ms):");
      for (long p : secondP99) {
        line.append(' ').append(Math.round(p / 1e6));
      }
      return line.toString();
    }
  }

  public static void main(String[] args) throws Exception {
    // On 2 cores the common pool has one thread, and CompletableFuture then starts a new thread for
    // every async completion: the JDK HttpClient of this load generator started 30,000 threads in a
    // 20 s run. Set before anything uses it.
    System.setProperty("java.util.concurrent.ForkJoinPool.common.parallelism", "2");
    if (args.length < 1) {
      System.err.println(
          "usage: HttpLatencyLoad BASE_URL [SECONDS [get|new|again|all [RATE,RATE...]]]");
      System.exit(2);
    }
    String base = args[0];
    Duration measure = Duration.ofSeconds(args.length > 1 ? Integer.parseInt(args[1]) : 20);
    String only = args.length > 2 && !args[2].equals("all") ? args[2] : null;
    int[] rates =
        Arrays.stream((args.length > 3 ? args[3] : "200,1000").split(","))
            .mapToInt(Integer::parseInt)
            .toArray();
    String keys = System.getenv("GCJOBS_API_KEYS");
    if (keys == null || keys.isBlank()) {
      System.err.println("set GCJOBS_API_KEYS to the service's API key");
      System.exit(2);
    }
    String key = keys.split(",")[0].strip();
    ExecutorService clientThreads = Executors.newFixedThreadPool(4);
    HttpClient http = HttpClient.newBuilder().executor(clientThreads).build();
    try {
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        ids.add(
            submitOne(
                http, base, key, Instant.parse("2024-04-01T00:00:00Z").plus(Duration.ofDays(i))));
      }
      // New exports get intervals no earlier run of this generator used on the same store.
      AtomicLong minute = new AtomicLong(Instant.now().getEpochSecond() / 60);
      IntFunction<HttpRequest> get =
          i -> authorized(base + "/v1/exports/" + ids.get(i % ids.size()), key).GET().build();
      // Every submit is a new export (its own interval): the engine plans and stores each one.
      IntFunction<HttpRequest> post =
          i ->
              authorized(base + "/v1/exports", key)
                  .header("Content-Type", "application/json")
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          body(Instant.EPOCH.plus(Duration.ofMinutes(minute.incrementAndGet())))))
                  .build();
      // A retried submit (no Idempotency-Key): the same request finds the same export.
      IntFunction<HttpRequest> again =
          i ->
              authorized(base + "/v1/exports", key)
                  .header("Content-Type", "application/json")
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          body(
                              Instant.parse("2024-04-01T00:00:00Z")
                                  .plus(Duration.ofDays(i % ids.size())))))
                  .build();
      List<Result> results = new ArrayList<>();
      for (String[] scenario :
          new String[][] {
            {"get", "GET /v1/exports/{id}"},
            {"new", "POST /v1/exports (new export)"},
            {"again", "POST /v1/exports (same request again)"}
          }) {
        if (only != null && !only.equals(scenario[0])) {
          continue;
        }
        IntFunction<HttpRequest> request =
            switch (scenario[0]) {
              case "get" -> get;
              case "new" -> post;
              default -> again;
            };
        for (int rate : rates) {
          results.add(run(http, scenario[1], rate, measure, request));
        }
      }
      System.out.println(
          "| route | rate (req/s) | requests | failed | p50 (ms) | p99 (ms) | max (ms) |");
      System.out.println("|---|---|---|---|---|---|---|");
      results.forEach(r -> System.out.println(r.row()));
      System.out.println();
      results.forEach(r -> System.out.println(r.timeline()));
    } finally {
      clientThreads.shutdownNow();
    }
  }

  private static HttpRequest.Builder authorized(String url, String key) {
    return HttpRequest.newBuilder(URI.create(url))
        .timeout(Duration.ofSeconds(30))
        .header("Authorization", "Bearer " + key);
  }

  private static String body(Instant start) {
    return "{\"interval\": \"" + start + "/PT1H\", \"filters\": [\"mediaType=voice\"]}";
  }

  private static String submitOne(HttpClient http, String base, String key, Instant start)
      throws IOException, InterruptedException {
    HttpResponse<String> response =
        http.send(
            authorized(base + "/v1/exports", key)
                .POST(HttpRequest.BodyPublishers.ofString(body(start)))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    String text = response.body();
    if (response.statusCode() >= 300) {
      throw new IllegalStateException("submit answered " + response.statusCode() + ": " + text);
    }
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
    LocalTime started = LocalTime.now().truncatedTo(ChronoUnit.SECONDS);
    send(http, rate, measure, request, latencies, failed);
    long[] secondP99 = new long[(int) measure.toSeconds()];
    for (int s = 0; s < secondP99.length; s++) {
      long[] second = Arrays.copyOfRange(latencies, s * rate, (s + 1) * rate);
      Arrays.sort(second);
      secondP99[s] = percentile(second, 0.99);
    }
    long[] sorted = latencies.clone();
    Arrays.sort(sorted);
    return new Result(
        scenario,
        rate,
        count,
        failed.get(),
        percentile(sorted, 0.50),
        percentile(sorted, 0.99),
        percentile(sorted, 1.0),
        secondP99,
        started);
  }

  private static long percentile(long[] sorted, double fraction) {
    return sorted[Math.min(sorted.length - 1, (int) (sorted.length * fraction))];
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
                      // The first few say why, so a failed count is never a mystery.
                      if (failed.incrementAndGet() <= 3) {
                        System.err.println(
                            "failed: "
                                + (error != null
                                    ? error
                                    : response.statusCode()
                                        + " "
                                        + new String(response.body(), StandardCharsets.UTF_8)));
                      }
                    }
                    return null;
                  }));
    }
    CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).join();
  }
}
