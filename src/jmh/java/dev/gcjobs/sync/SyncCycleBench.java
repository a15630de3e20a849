package dev.gcjobs.sync;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gcjobs.emulator.Emulator;
import dev.gcjobs.emulator.EmulatorConfig;
import dev.gcjobs.emulator.Endpoint;
import dev.gcjobs.emulator.SyntheticAnalyticsData;
import dev.gcjobs.engine.Engine;
import dev.gcjobs.engine.EngineSettings;
import dev.gcjobs.engine.ExportInterval;
import dev.gcjobs.engine.ExportKind;
import dev.gcjobs.genesys.Credentials;
import dev.gcjobs.genesys.GenesysClient;
import dev.gcjobs.genesys.RateBudget;
import dev.gcjobs.store.Database;
import dev.gcjobs.tables.TableTarget;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;
import org.slf4j.LoggerFactory;

/**
 * A sync cycle against a full re-export (issue 15): with {@code --days} of history at {@code
 * --per-day} conversations a day, one sync per settle window into its own DuckDB file runs its
 * first cycle (the whole history from {@code since}: a full export and its load), then the
 * emulator's clock moves on six hours and each sync runs one plain cycle. Genesys requests are the
 * emulator's own counts (every endpoint, token included); times are wall time in this process. See
 * docs/benchmarks.md, "Sync: a cycle against a full re-export (issue 15)".
 *
 * <pre>
 * SyncCycleBench [--days 90] [--per-day 2000] [--settles PT24H,PT72H,P7D] [--runs 1]
 *     [--step PT6H] [--reconcile]
 * </pre>
 *
 * The emulator keeps its default job timing, rate limit and lake changes (revisions and deletions),
 * with a data lag of six hours and its clock where the history ends six hours before "now"; the
 * client has its default budget of 280 requests a minute; the engine and the syncs run on the
 * emulator's clock, with the engine's default settings, as {@code gcjobs sync} runs. {@code
 * --reconcile} adds a reconcile cycle per sync at the end: the full re-export into tables that
 * already hold the history. Each round starts a fresh emulator, store and DuckDB files. Progress
 * goes to stderr, the tables to stdout.
 */
public final class SyncCycleBench {
  /** As a production lake trails: hours. */
  static final Duration DATA_LAG = Duration.ofHours(6);

  private SyncCycleBench() {}

  /** One measured cycle. */
  record Measured(
      String what,
      Duration settle,
      CycleSummary summary,
      long requests,
      long submits,
      long polls,
      long pages,
      long tooMany,
      double seconds,
      double exportSeconds,
      double loadSeconds) {}

  public static void main(String[] args) throws Exception {
    ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);
    Options o = Options.parse(args);
    PrintStream log = System.err;
    List<List<Measured>> rounds = new ArrayList<>();
    for (int round = 1; round <= o.runs; round++) {
      Path work = Files.createTempDirectory("gcjobs-syncbench-");
      try {
        rounds.add(round(o, work, log, round));
      } finally {
        deleteTree(work);
      }
    }
    report(System.out, o, rounds);
  }

  private static List<Measured> round(Options o, Path work, PrintStream log, int round)
      throws Exception {
    Instant since = SyntheticAnalyticsData.DATA_START;
    Instant now = since.plus(Duration.ofDays(o.days)).plus(DATA_LAG);
    List<Measured> measured = new ArrayList<>();
    try (Emulator emulator =
        Emulator.start(
            EmulatorConfig.builder()
                .port(0)
                .conversationsPerDay(o.perDay)
                .dataLag(DATA_LAG)
                .now(now)
                // Its gzip would run on the cores being measured; Genesys compresses on its own.
                .compressResponses(false)
                .build())) {
      Clock genesys = clockOf(emulator);
      GenesysClient client =
          GenesysClient.builder()
              .domain(emulator.baseUrl())
              .credentials(new Credentials(emulator.clientId(), emulator.clientSecret()))
              .requestsPerMinute(RateBudget.DEFAULT_REQUESTS_PER_MINUTE)
              .build();
      Path state = work.resolve("state");
      Map<String, TableTarget> targets = new LinkedHashMap<>();
      try (Database db = Database.open(Database.h2FileUrl(state));
          Engine engine =
              new Engine(
                  db,
                  client.analyticsJobs(),
                  "syncbench",
                  EngineSettings.defaults(state),
                  genesys)) {
        engine.start();
        Syncs syncs =
            new Syncs(
                db.syncs(),
                engine.exports(),
                def -> targets.get(def.destination()),
                state.resolve("syncs"),
                genesys,
                () -> total(emulator),
                "syncbench");
        Map<Duration, String> ids = new LinkedHashMap<>();
        for (Duration settle : o.settles) {
          Path duck =
              work.resolve("copy-" + settle.toString().toLowerCase(Locale.ROOT) + ".duckdb");
          targets.put(duck.toString(), TableTarget.parse(duck.toString(), null, Map.of()));
          SyncDefinition def =
              SyncDefinition.builder()
                  .kind(ExportKind.CONVERSATIONS)
                  .destination(duck.toString())
                  .since(since)
                  .settle(settle)
                  .build();
          ids.put(settle, syncs.define(def).definition().id());
        }
        long expected = truth(emulator, since, emulator.dataAvailabilityDate());
        log.printf(
            Locale.ROOT,
            "round %d: %d days x %d a day (%d conversations up to availability %s), settles %s%n",
            round,
            o.days,
            o.perDay,
            expected,
            emulator.dataAvailabilityDate(),
            o.settles);
        for (var e : ids.entrySet()) {
          measured.add(cycle(syncs, emulator, e.getValue(), e.getKey(), "full", false, log));
        }
        emulator.advanceClock(o.step);
        for (var e : ids.entrySet()) {
          measured.add(cycle(syncs, emulator, e.getValue(), e.getKey(), "cycle", false, log));
        }
        if (o.reconcile) {
          for (var e : ids.entrySet()) {
            measured.add(cycle(syncs, emulator, e.getValue(), e.getKey(), "reconcile", true, log));
          }
        }
        for (Path p : targets.keySet().stream().map(Path::of).toList()) {
          log.printf(Locale.ROOT, "  %s: %.1f MB%n", p.getFileName(), Files.size(p) / 1e6);
        }
        System.gc();
        Runtime rt = Runtime.getRuntime();
        log.printf(
            Locale.ROOT,
            "  heap after GC: %.0f MB used of %.0f MB (max %.0f MB)%n",
            (rt.totalMemory() - rt.freeMemory()) / 1e6,
            rt.totalMemory() / 1e6,
            rt.maxMemory() / 1e6);
      }
    }
    return measured;
  }

  private static Measured cycle(
      Syncs syncs,
      Emulator emulator,
      String id,
      Duration settle,
      String what,
      boolean reconcile,
      PrintStream log)
      throws InterruptedException {
    Map<Endpoint, Map<Integer, Long>> before = emulator.requestCounts().snapshot();
    long[] exportDone = {0};
    long start = System.nanoTime();
    CycleSummary s =
        syncs.runCycle(
            id,
            reconcile,
            status -> {
              // The cycle loads as soon as its export is final: the rest is the load.
              if (status.state().isFinal() && exportDone[0] == 0) {
                exportDone[0] = System.nanoTime();
              }
            });
    long end = System.nanoTime();
    if (!s.succeeded()) {
      throw new IllegalStateException("cycle " + s.seq() + " of " + id + " failed: " + s.error());
    }
    Map<Endpoint, Map<Integer, Long>> after = emulator.requestCounts().snapshot();
    long requests = 0;
    long tooMany = 0;
    for (Endpoint e : Endpoint.values()) {
      requests += total(after, e) - total(before, e);
      tooMany += count(after, e, 429) - count(before, e, 429);
    }
    Measured m =
        new Measured(
            what,
            settle,
            s,
            requests,
            total(after, Endpoint.SUBMIT) - total(before, Endpoint.SUBMIT),
            total(after, Endpoint.STATUS) - total(before, Endpoint.STATUS),
            total(after, Endpoint.RESULTS) - total(before, Endpoint.RESULTS),
            tooMany,
            (end - start) / 1e9,
            (exportDone[0] - start) / 1e9,
            (end - exportDone[0]) / 1e9);
    log.printf(
        Locale.ROOT,
        "  %-9s settle %-5s window %s/%s (%.1f d): %6.1f s (export %.1f, load %.1f),"
            + " %d requests (%d submits, %d polls, %d pages, %d x 429); new %d, changed %d,"
            + " deleted %d, unchanged %d%n",
        what,
        label(settle),
        s.windowStart(),
        s.watermarkAfter(),
        Duration.between(s.windowStart(), s.watermarkAfter()).toMinutes() / 1440.0,
        m.seconds,
        m.exportSeconds,
        m.loadSeconds,
        m.requests,
        m.submits,
        m.polls,
        m.pages,
        m.tooMany,
        s.added(),
        s.changed(),
        s.deleted(),
        s.unchanged());
    return m;
  }

  private static void report(PrintStream out, Options o, List<List<Measured>> rounds) {
    out.printf(
        Locale.ROOT,
        "%n%d days x %d conversations a day, step %s; medians of %d round(s)%n%n",
        o.days,
        o.perDay,
        o.step,
        rounds.size());
    out.println(
        "| cycle | settle | window (d) | requests | submits | polls | pages | 429s | wall (s)"
            + " | export (s) | load (s) | new | changed | deleted | unchanged | requests / full"
            + " | wall / full |");
    out.println("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
    int per = rounds.get(0).size();
    for (int i = 0; i < per; i++) {
      int k = i;
      List<Measured> same = rounds.stream().map(r -> r.get(k)).toList();
      Measured first = same.get(0);
      List<Measured> full =
          rounds.stream()
              .flatMap(
                  r ->
                      r.stream()
                          .filter(m -> m.what.equals("full") && m.settle.equals(first.settle)))
              .toList();
      double wall = median(same, m -> m.seconds);
      double requests = median(same, m -> m.requests);
      CycleSummary s = first.summary;
      out.printf(
          Locale.ROOT,
          "| %s | %s | %.2f | %.0f | %.0f | %.0f | %.0f | %.0f | %.1f | %.1f | %.1f | %.0f | %.0f"
              + " | %.0f | %.0f | %.3f | %.3f |%n",
          first.what,
          label(first.settle),
          Duration.between(s.windowStart(), s.watermarkAfter()).toMinutes() / 1440.0,
          requests,
          median(same, m -> m.submits),
          median(same, m -> m.polls),
          median(same, m -> m.pages),
          median(same, m -> m.tooMany),
          wall,
          median(same, m -> m.exportSeconds),
          median(same, m -> m.loadSeconds),
          median(same, m -> m.summary.added()),
          median(same, m -> m.summary.changed()),
          median(same, m -> m.summary.deleted()),
          median(same, m -> m.summary.unchanged()),
          requests / median(full, m -> m.requests),
          wall / median(full, m -> m.seconds));
    }
    if (rounds.size() > 1) {
      out.println();
      out.println("Every round's wall seconds, in order:");
      for (int i = 0; i < per; i++) {
        int k = i;
        out.printf(
            Locale.ROOT,
            "  %s %s: %s%n",
            rounds.get(0).get(k).what,
            label(rounds.get(0).get(k).settle),
            rounds.stream()
                .map(r -> String.format(Locale.ROOT, "%.1f", r.get(k).seconds))
                .toList());
      }
    }
  }

  private static long truth(Emulator emulator, Instant start, Instant end) {
    ObjectNode query = JsonNodeFactory.instance.objectNode();
    query.put("interval", new ExportInterval(start, end).toWireString());
    return emulator.groundTruthConversationIds(query).size();
  }

  /** The emulator's clock, so that moving it moves what the engine and the syncs see too. */
  private static Clock clockOf(Emulator emulator) {
    return new Clock() {
      @Override
      public ZoneId getZone() {
        return ZoneOffset.UTC;
      }

      @Override
      public Clock withZone(ZoneId zone) {
        return this;
      }

      @Override
      public Instant instant() {
        return emulator.now();
      }
    };
  }

  private static String label(Duration d) {
    return d.toHoursPart() == 0 && d.toDays() > 0 && d.toDays() % 7 == 0
        ? d.toDays() + "d"
        : d.toHours() + "h";
  }

  private static long total(Emulator emulator) {
    Map<Endpoint, Map<Integer, Long>> now = emulator.requestCounts().snapshot();
    long n = 0;
    for (Endpoint e : Endpoint.values()) {
      n += total(now, e);
    }
    return n;
  }

  private static long total(Map<Endpoint, Map<Integer, Long>> counts, Endpoint e) {
    return counts.getOrDefault(e, Map.of()).values().stream().mapToLong(Long::longValue).sum();
  }

  private static long count(Map<Endpoint, Map<Integer, Long>> counts, Endpoint e, int status) {
    return counts.getOrDefault(e, Map.of()).getOrDefault(status, 0L);
  }

  private static double median(List<Measured> runs, ToDoubleFunction<Measured> f) {
    double[] v = runs.stream().mapToDouble(f).sorted().toArray();
    return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  /** The command line. */
  private record Options(
      int days, int perDay, List<Duration> settles, int runs, Duration step, boolean reconcile) {

    static Options parse(String[] args) {
      int days = 90;
      int perDay = 2_000;
      List<Duration> settles =
          List.of(Duration.ofHours(24), Duration.ofHours(72), Duration.ofDays(7));
      int runs = 1;
      Duration step = Duration.ofHours(6);
      boolean reconcile = false;
      for (int i = 0; i < args.length; i++) {
        String flag = args[i];
        if (flag.equals("--reconcile")) {
          reconcile = true;
          continue;
        }
        if (i + 1 >= args.length) {
          throw new IllegalArgumentException(flag + " needs a value");
        }
        String value = args[++i];
        switch (flag) {
          case "--days" -> days = Integer.parseInt(value);
          case "--per-day" -> perDay = Integer.parseInt(value);
          case "--settles" ->
              settles =
                  Arrays.stream(value.split(",")).map(String::strip).map(Duration::parse).toList();
          case "--runs" -> runs = Integer.parseInt(value);
          case "--step" -> step = Duration.parse(value);
          default -> throw new IllegalArgumentException("unknown flag " + flag);
        }
      }
      if (runs < 1 || days < 1) {
        throw new IllegalArgumentException("--runs and --days must be at least 1");
      }
      return new Options(days, perDay, settles, runs, step, reconcile);
    }
  }
}
