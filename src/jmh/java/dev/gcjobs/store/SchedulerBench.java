package dev.gcjobs.store;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import dev.gcjobs.store.SchedulerScenarios.QueueFactory;
import dev.gcjobs.store.SchedulerScenarios.Throughput;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * The product's own work queue ({@link ChunkRepository} driven as the engine drives it) against
 * db-scheduler 16.7.1 running the same steps, on the embedded H2 file store and on PostgreSQL. See
 * docs/benchmarks.md, "Step scheduling: own work queue against db-scheduler".
 *
 * <pre>
 * SchedulerBench [--db h2,postgres] [--postgres-url jdbc:postgresql://127.0.0.1:5432/test?user=postgres]
 *     [--rounds 3] [--variants own,dbs-default,...] [--workers 8] [--chunks 30] [--window 6]
 * </pre>
 *
 * Every round runs each measurement for every variant, one after the other (the variants' order
 * rotates each round), so machine noise spreads over all of them; the idle cost is measured once.
 * Progress goes to stderr, the result tables (markdown) to stdout.
 */
public final class SchedulerBench {
  private static final Duration WARM_UP = Duration.ofSeconds(1);
  private static final Duration STEP_DELAY = Duration.ofSeconds(2);
  private static final int DELAYED_CHUNKS = 8;
  private static final int DELAYED_SAMPLES = 24;
  private static final Duration DELAYED_LIMIT = Duration.ofSeconds(60);
  private static final int SUBMITS = 3;
  private static final Duration IDLE_WINDOW = Duration.ofSeconds(10);

  private SchedulerBench() {}

  /** One way of running steps, and how long it may sleep between looks for due work. */
  record Variant(String name, String settings, Duration phase, boolean isOwn, Opener opener) {}

  @FunctionalInterface
  interface Opener {
    StepQueue open(BenchStore store, int workers, String exportId);
  }

  static List<Variant> allVariants() {
    List<Variant> all = new ArrayList<>();
    all.add(
        new Variant(
            "own",
            "ChunkRepository, engine loop (idle <= 1 s, woken locally), lease 10 min",
            Duration.ofSeconds(1),
            true,
            (store, workers, exportId) -> new OwnWorkQueue(store.db, workers, null)));
    all.add(
        new Variant(
            "own-cli",
            "as own, claiming one export's chunks only (Engine.startFor, gcjobs export)",
            Duration.ofSeconds(1),
            true,
            (store, workers, exportId) -> new OwnWorkQueue(store.db, workers, exportId)));
    for (DbSchedulerQueue.Settings s : dbSchedulerSettings()) {
      all.add(
          new Variant(
              s.name(),
              s.describe(),
              s.pollingInterval(),
              false,
              (store, workers, exportId) -> new DbSchedulerQueue(store.db, workers, s, store.h2)));
    }
    return all;
  }

  static List<DbSchedulerQueue.Settings> dbSchedulerSettings() {
    Duration libraryPoll = Duration.ofSeconds(10);
    Duration libraryHeartbeat = Duration.ofMinutes(5);
    Duration shortHeartbeat = Duration.ofSeconds(5);
    return List.of(
        new DbSchedulerQueue.Settings(
            "dbs-default", libraryPoll, false, false, libraryHeartbeat, 6, false),
        new DbSchedulerQueue.Settings(
            "dbs-immediate", libraryPoll, true, false, libraryHeartbeat, 6, false),
        new DbSchedulerQueue.Settings(
            "dbs-tuned", Duration.ofSeconds(1), true, false, shortHeartbeat, 6, false),
        new DbSchedulerQueue.Settings(
            "dbs-tuned-laf", Duration.ofSeconds(1), true, true, shortHeartbeat, 6, false),
        new DbSchedulerQueue.Settings(
            "dbs-100ms", Duration.ofMillis(100), true, true, shortHeartbeat, 6, false),
        new DbSchedulerQueue.Settings(
            "dbs-wake", Duration.ofSeconds(1), true, false, shortHeartbeat, 6, true));
  }

  /** Everything measured for one variant on one store. */
  static final class Results {
    final List<Double> firstLocal = new ArrayList<>();
    final List<Double> firstOther = new ArrayList<>();
    final List<Double> chained1 = new ArrayList<>();
    final List<Double> chained8 = new ArrayList<>();
    final List<Double> statementsPerStep = new ArrayList<>();
    final List<Double> lateness = new ArrayList<>();
    double idle = Double.NaN;
  }

  public static void main(String[] args) throws Exception {
    ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);
    // On H2 db-scheduler warns, at every build, that it assumes TIMESTAMP WITH TIME ZONE columns:
    // they are, and the library names this logger as the way to silence it.
    ((Logger)
            LoggerFactory.getLogger(
                "com.github.kagkarlsson.scheduler.jdbc.AutodetectJdbcCustomization.utc_warning"))
        .setLevel(Level.ERROR);
    Options o = Options.parse(args);
    StatementCounter.install();
    PrintStream out = System.out;
    PrintStream log = System.err;
    for (String db : o.stores) {
      try (BenchStore store =
          db.equals("h2") ? BenchStore.h2() : BenchStore.postgres(o.postgresUrl)) {
        log.println("store: " + describe(store));
        Map<Variant, Results> results = run(store, o, log);
        report(out, store, o, results);
      }
    }
  }

  private static Map<Variant, Results> run(BenchStore store, Options o, PrintStream log)
      throws Exception {
    SchedulerScenarios scenarios = new SchedulerScenarios(store);
    Map<Variant, Results> results = new LinkedHashMap<>();
    for (Variant v : o.variants) {
      results.put(v, new Results());
    }
    log.println("warm-up: 2 s of chained steps per variant");
    for (Variant v : o.variants) {
      scenarios.chained(factory(v, o), 8, WARM_UP, WARM_UP);
    }
    List<Variant> order = new ArrayList<>(o.variants);
    for (int round = 1; round <= o.rounds; round++) {
      for (Variant v : order) {
        if (v.name().equals("own-cli")) {
          continue; // claims the chunks of the export it was started for only
        }
        List<Double> l = scenarios.firstStep(factory(v, o), SUBMITS, o.chunks, true, v.phase());
        results.get(v).firstLocal.addAll(l);
        log.printf(
            Locale.ROOT,
            "round %d %-14s first step, local: median %.0f ms%n",
            round,
            v.name(),
            percentile(l, 50));
      }
      for (Variant v : order) {
        if (v.name().equals("own-cli")) {
          continue; // a CLI process runs the export it submits itself
        }
        List<Double> l = scenarios.firstStep(factory(v, o), SUBMITS, o.chunks, false, v.phase());
        results.get(v).firstOther.addAll(l);
        log.printf(
            Locale.ROOT,
            "round %d %-14s first step, other process: median %.0f ms%n",
            round,
            v.name(),
            percentile(l, 50));
      }
      for (int chunks : new int[] {1, 8}) {
        for (Variant v : order) {
          Throughput t = scenarios.chained(factory(v, o), chunks, WARM_UP, o.window);
          Results r = results.get(v);
          (chunks == 1 ? r.chained1 : r.chained8).add(t.stepsPerSecond());
          if (chunks == 8) {
            r.statementsPerStep.add(t.statementsPerStep());
          }
          log.printf(
              Locale.ROOT,
              "round %d %-14s chained, %d chunk(s): %.1f steps/s, %.1f statements/step%n",
              round,
              v.name(),
              chunks,
              t.stepsPerSecond(),
              t.statementsPerStep());
        }
      }
      for (Variant v : order) {
        List<Double> l =
            scenarios.delayed(
                factory(v, o),
                DELAYED_CHUNKS,
                STEP_DELAY,
                v.phase(),
                DELAYED_SAMPLES,
                DELAYED_LIMIT);
        results.get(v).lateness.addAll(l);
        log.printf(
            Locale.ROOT,
            "round %d %-14s delayed: %d steps, median %.0f ms late%n",
            round,
            v.name(),
            l.size(),
            percentile(l, 50));
      }
      order.add(order.remove(0));
    }
    for (Variant v : o.variants) {
      Duration window = max(IDLE_WINDOW, v.phase().multipliedBy(3));
      results.get(v).idle = scenarios.idle(factory(v, o), DELAYED_CHUNKS, window);
      log.printf(
          Locale.ROOT,
          "%-14s idle: %.2f statements/s over %d s%n",
          v.name(),
          results.get(v).idle,
          window.toSeconds());
    }
    return results;
  }

  private static QueueFactory factory(Variant v, Options o) {
    return (store, exportId) -> v.opener().open(store, o.workers, exportId);
  }

  private static void report(
      PrintStream out, BenchStore store, Options o, Map<Variant, Results> results) {
    out.printf(
        Locale.ROOT,
        "%n### %s: %s%n%n%d rounds, %d workers (db-scheduler threads), %d chunks for the first"
            + " step (%d submits a round), %d s windows for chained steps, %d chunks x (%s + a"
            + " random part of the polling period) for precision.%n%n",
        store.name,
        describe(store),
        o.rounds,
        o.workers,
        o.chunks,
        SUBMITS,
        o.window.toSeconds(),
        DELAYED_CHUNKS,
        "2 s");
    out.println(
        "| variant | first step, local submit: median / p90 (ms) | first step, other process:"
            + " median / p90 (ms) | chained, 1 chunk (steps/s) | chained, 8 chunks (steps/s) |"
            + " statements / step | delayed step: late median / p90 (ms) | idle (statements/s) |");
    out.println("|---|---|---|---|---|---|---|---|");
    for (Map.Entry<Variant, Results> e : results.entrySet()) {
      Results r = e.getValue();
      out.printf(
          Locale.ROOT,
          "| %s | %s | %s | %s | %s | %s | %s | %.2f |%n",
          e.getKey().name(),
          pair(r.firstLocal),
          pair(r.firstOther),
          rate(r.chained1),
          rate(r.chained8),
          r.statementsPerStep.isEmpty()
              ? ""
              : String.format(Locale.ROOT, "%.1f", percentile(r.statementsPerStep, 50)),
          pair(r.lateness),
          r.idle);
    }
    Results own =
        results.entrySet().stream()
            .filter(e -> e.getKey().name().equals("own"))
            .map(Map.Entry::getValue)
            .findFirst()
            .orElse(null);
    if (own != null) {
      out.println();
      out.println(
          "Against own (same run): first step median, x own; chained steps/s, x own; idle"
              + " statements/s, x own.");
      out.println();
      out.println(
          "| variant | first step, local | first step, other process | chained, 1 chunk |"
              + " chained, 8 chunks | idle |");
      out.println("|---|---|---|---|---|---|");
      for (Map.Entry<Variant, Results> e : results.entrySet()) {
        Results r = e.getValue();
        out.printf(
            Locale.ROOT,
            "| %s | %s | %s | %s | %s | %s |%n",
            e.getKey().name(),
            ratio(percentile(r.firstLocal, 50), percentile(own.firstLocal, 50)),
            ratio(percentile(r.firstOther, 50), percentile(own.firstOther, 50)),
            ratio(percentile(r.chained1, 50), percentile(own.chained1, 50)),
            ratio(percentile(r.chained8, 50), percentile(own.chained8, 50)),
            ratio(r.idle, own.idle));
      }
    }
    out.println();
    out.println("| variant | settings |");
    out.println("|---|---|");
    for (Variant v : results.keySet()) {
      out.printf(Locale.ROOT, "| %s | %s |%n", v.name(), v.settings());
    }
    out.flush();
  }

  private static String describe(BenchStore store) {
    try (Connection c = store.db.dataSource().getConnection()) {
      DatabaseMetaData m = c.getMetaData();
      return m.getDatabaseProductName() + " " + m.getDatabaseProductVersion();
    } catch (Exception e) {
      return store.name;
    }
  }

  private static String pair(List<Double> v) {
    return v.isEmpty()
        ? ""
        : String.format(Locale.ROOT, "%.0f / %.0f", percentile(v, 50), percentile(v, 90));
  }

  /** Median of the rounds, and their range. */
  private static String rate(List<Double> v) {
    if (v.isEmpty()) {
      return "";
    }
    double min = v.stream().mapToDouble(d -> d).min().orElseThrow();
    double max = v.stream().mapToDouble(d -> d).max().orElseThrow();
    return String.format(
        Locale.ROOT, "%s (%s-%s)", number(percentile(v, 50)), number(min), number(max));
  }

  private static String number(double d) {
    return d >= 10 ? String.format(Locale.ROOT, "%.0f", d) : String.format(Locale.ROOT, "%.2f", d);
  }

  private static String ratio(double value, double base) {
    if (Double.isNaN(value) || Double.isNaN(base) || base == 0) {
      return "";
    }
    return String.format(Locale.ROOT, "%.2f", value / base);
  }

  /** Nearest-rank percentile; NaN when empty. */
  static double percentile(List<Double> values, double p) {
    if (values.isEmpty()) {
      return Double.NaN;
    }
    double[] v = values.stream().mapToDouble(d -> d).sorted().toArray();
    if (p == 50 && v.length % 2 == 0) {
      return (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }
    int rank = (int) Math.ceil(p / 100 * v.length);
    return v[Math.max(0, Math.min(v.length - 1, rank - 1))];
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  /** The command line. */
  private record Options(
      List<String> stores,
      String postgresUrl,
      int rounds,
      List<Variant> variants,
      int workers,
      int chunks,
      Duration window) {

    static Options parse(String[] args) {
      List<String> stores = List.of("h2", "postgres");
      String postgresUrl = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";
      int rounds = 3;
      List<String> names =
          List.of(
              "own",
              "dbs-default",
              "dbs-immediate",
              "dbs-tuned",
              "dbs-tuned-laf",
              "dbs-100ms",
              "dbs-wake");
      int workers = 8;
      int chunks = 30;
      Duration window = Duration.ofSeconds(6);
      for (int i = 0; i < args.length; i++) {
        String flag = args[i];
        if (i + 1 >= args.length) {
          throw new IllegalArgumentException(flag + " needs a value");
        }
        String value = args[++i];
        switch (flag) {
          case "--db" -> stores = list(value);
          case "--postgres-url" -> postgresUrl = value;
          case "--rounds" -> rounds = Integer.parseInt(value);
          case "--variants" -> names = list(value);
          case "--workers" -> workers = Integer.parseInt(value);
          case "--chunks" -> chunks = Integer.parseInt(value);
          case "--window" -> window = Duration.ofSeconds(Long.parseLong(value));
          default -> throw new IllegalArgumentException("unknown flag " + flag);
        }
      }
      for (String s : stores) {
        if (!s.equals("h2") && !s.equals("postgres")) {
          throw new IllegalArgumentException("--db takes h2 and/or postgres, not " + s);
        }
      }
      List<Variant> variants = new ArrayList<>();
      List<Variant> all = allVariants();
      for (String name : names) {
        variants.add(
            all.stream()
                .filter(v -> v.name().equals(name))
                .findFirst()
                .orElseThrow(
                    () ->
                        new IllegalArgumentException(
                            "unknown variant "
                                + name
                                + "; known: "
                                + all.stream().map(Variant::name).toList())));
      }
      return new Options(stores, postgresUrl, rounds, variants, workers, chunks, window);
    }

    private static List<String> list(String value) {
      return Arrays.stream(value.split(",")).map(String::strip).toList();
    }
  }
}
