package dev.gcjobs.engine;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gcjobs.emulator.Emulator;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.slf4j.LoggerFactory;

/**
 * Export makespan: gcjobs against the lower bound and against the tutorial loop, on an in-process
 * emulator (30 days x 2,000 conversations a day) with the client's budget at 280 requests a minute,
 * everything scaled by {@code --scale}. See docs/benchmarks.md, "Export makespan".
 *
 * <pre>
 * ExportMakespanBench [--scale 5] [--runs 3] [--chunks P1D,P2D] [--concurrency 4,8]
 *     [--workers 4] [--polls 3/1.5/30,1/1.5/10] [--no-tutorial] [--interval 2020-01-01/2020-01-31]
 *     [--per-day 2000]
 * </pre>
 *
 * Without {@code --chunks}, {@code --concurrency} or {@code --polls} it measures gcjobs' defaults.
 * Worker threads are as many as the concurrency, as in {@code gcjobs export}, unless {@code
 * --workers} says otherwise. Runs are interleaved (every setting once per round) so that machine
 * noise spreads evenly; one unmeasured warm-up export comes first. Progress goes to stderr, the
 * result tables to stdout.
 */
public final class ExportMakespanBench {
  /**
   * The emulator's first 30 days of data: nothing exists before them, so the 30 days are all its
   * day cache holds, and generating them is paid once, in the warm-up.
   */
  static final String DEFAULT_INTERVAL = "2020-01-01/2020-01-31";

  /** The emulator's default volume, a mid-sized contact centre. */
  static final int DEFAULT_PER_DAY = 2_000;

  private ExportMakespanBench() {}

  public static void main(String[] args) throws Exception {
    ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);
    Options o = Options.parse(args);
    PrintStream log = System.err;
    MakespanScale scale = new MakespanScale(o.scale);
    Path work = Files.createTempDirectory("gcjobs-makespan-");
    try (Emulator emulator = Emulator.start(scale.emulator(o.perDay))) {
      long expected = expectedRecords(emulator, o.interval);
      ExportInterval interval = IntervalParser.parse(o.interval);
      Map<Duration, MakespanBound> bounds = new LinkedHashMap<>();
      for (MakespanConfig c : o.configs) {
        bounds.computeIfAbsent(
            c.chunk(),
            size ->
                MakespanBound.of(
                    emulator, ExportPlan.of(interval, size), ExportRequest.DEFAULT_PAGE_SIZE));
      }
      MakespanBound tutorialBound =
          MakespanBound.of(
              emulator, ExportPlan.of(interval, interval.duration()), TutorialExportRun.PAGE_SIZE);
      log.printf(
          Locale.ROOT,
          "scale %d, interval %s, %d conversations a day, %d in all; %d settings x %d runs%s%n",
          o.scale,
          o.interval,
          o.perDay,
          expected,
          o.configs.size(),
          o.runs,
          o.tutorial ? " + tutorial" : "");
      log.println("warm-up: " + o.configs.get(0).label());
      GcjobsExportRun.run(emulator, scale, o.configs.get(0), o.interval, work);

      Map<MakespanConfig, List<MakespanRun>> results = new LinkedHashMap<>();
      List<MakespanRun> tutorial = new ArrayList<>();
      for (int round = 1; round <= o.runs; round++) {
        for (MakespanConfig c : o.configs) {
          MakespanRun r = GcjobsExportRun.run(emulator, scale, c, o.interval, work);
          check(r, expected, c.label());
          results.computeIfAbsent(c, k -> new ArrayList<>()).add(r);
          log.println(line(round, c.label(), r, scale));
        }
        if (o.tutorial) {
          MakespanRun r = TutorialExportRun.run(emulator, scale, o.interval, work);
          check(r, expected, "tutorial");
          tutorial.add(r);
          log.println(line(round, "tutorial", r, scale));
        }
      }
      report(System.out, o, scale, bounds, results, tutorial, tutorialBound);
    } finally {
      NdjsonLines.deleteTree(work);
    }
  }

  private static long expectedRecords(Emulator emulator, String interval) {
    ObjectNode query = JsonNodeFactory.instance.objectNode();
    query.put("interval", IntervalParser.parse(interval).toWireString());
    return emulator.groundTruthConversationIds(query).size();
  }

  private static void check(MakespanRun r, long expected, String what) {
    if (r.records() != expected) {
      throw new IllegalStateException(
          what + " wrote " + r.records() + " records; the emulator holds " + expected);
    }
  }

  private static String line(int round, String what, MakespanRun r, MakespanScale scale) {
    return String.format(
        Locale.ROOT,
        "round %d  %-28s %7.1f s (full scale)  %4d requests (%d submits, %d polls, %d pages), %d x 429",
        round,
        what,
        scale.fullScaleSeconds(r.makespan()),
        r.requests(),
        r.submits(),
        r.polls(),
        r.pages(),
        r.tooMany());
  }

  private static void report(
      PrintStream out,
      Options o,
      MakespanScale scale,
      Map<Duration, MakespanBound> bounds,
      Map<MakespanConfig, List<MakespanRun>> results,
      List<MakespanRun> tutorial,
      MakespanBound tutorialBound) {
    double tutorialMedian =
        tutorial.isEmpty()
            ? Double.NaN
            : median(tutorial, r -> scale.fullScaleSeconds(r.makespan()));
    out.printf(
        Locale.ROOT,
        "%nMedians of %d runs, seconds at full scale (measured x %d).%n%n",
        o.runs,
        o.scale);
    out.println(
        "| plan | min. requests | longest job + pages (s) | requests / budget (s) | bound (s)"
            + " | start-up term (s) | tight bound (s) |");
    out.println("|---|---|---|---|---|---|---|");
    bounds.forEach(
        (size, b) ->
            out.printf(
                Locale.ROOT,
                "| %s chunks (%d) | %d | %.1f | %.1f | %.1f | %.1f | %.1f |%n",
                new MakespanConfig(size, 1, 1, PollSchedule.DEFAULT).chunkLabel(),
                b.chunks(),
                b.minimalRequests(),
                b.longestJobSeconds(),
                b.budgetSeconds(),
                b.seconds(),
                b.startUpSeconds(),
                b.tightSeconds()));
    out.printf(
        Locale.ROOT,
        "| tutorial: 1 job | %d | %.1f | %.1f | %.1f | %.1f | %.1f |%n%n",
        tutorialBound.minimalRequests(),
        tutorialBound.longestJobSeconds(),
        tutorialBound.budgetSeconds(),
        tutorialBound.seconds(),
        tutorialBound.startUpSeconds(),
        tutorialBound.tightSeconds());
    out.println(
        "| chunk | conc. | polls (first/growth/cap) | makespan (s) | range (s) | requests | polls"
            + " | 429s | / bound | / tight bound | / tutorial |");
    out.println("|---|---|---|---|---|---|---|---|---|---|---|");
    results.forEach(
        (c, runs) -> {
          double makespan = median(runs, r -> scale.fullScaleSeconds(r.makespan()));
          out.printf(
              Locale.ROOT,
              "| %s | %s | %s | %.1f | %.1f-%.1f | %.0f | %.0f | %.0f | %.2f | %.2f | %s |%n",
              c.chunkLabel(),
              c.concurrency()
                  + (c.workers() == c.concurrency() ? "" : " (" + c.workers() + " workers)"),
              c.pollsLabel(),
              makespan,
              min(runs, scale),
              max(runs, scale),
              median(runs, MakespanRun::requests),
              median(runs, MakespanRun::polls),
              median(runs, MakespanRun::tooMany),
              makespan / bounds.get(c.chunk()).seconds(),
              makespan / bounds.get(c.chunk()).tightSeconds(),
              tutorial.isEmpty()
                  ? ""
                  : String.format(Locale.ROOT, "%.2f", makespan / tutorialMedian));
        });
    if (!tutorial.isEmpty()) {
      out.printf(
          Locale.ROOT,
          "| tutorial: 1 job | 1 | 2/+1/15 | %.1f | %.1f-%.1f | %.0f | %.0f | %.0f | %.2f | %.2f | 1 |%n",
          tutorialMedian,
          min(tutorial, scale),
          max(tutorial, scale),
          median(tutorial, MakespanRun::requests),
          median(tutorial, MakespanRun::polls),
          median(tutorial, MakespanRun::tooMany),
          tutorialMedian / tutorialBound.seconds(),
          tutorialMedian / tutorialBound.tightSeconds());
    }
  }

  private static double median(List<MakespanRun> runs, ToDoubleFunction<MakespanRun> f) {
    double[] v = runs.stream().mapToDouble(f).sorted().toArray();
    return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  }

  private static double min(List<MakespanRun> runs, MakespanScale scale) {
    return runs.stream().mapToDouble(r -> scale.fullScaleSeconds(r.makespan())).min().orElseThrow();
  }

  private static double max(List<MakespanRun> runs, MakespanScale scale) {
    return runs.stream().mapToDouble(r -> scale.fullScaleSeconds(r.makespan())).max().orElseThrow();
  }

  /** The command line. */
  private record Options(
      int scale,
      int runs,
      String interval,
      int perDay,
      boolean tutorial,
      List<MakespanConfig> configs) {

    static Options parse(String[] args) {
      // 5: within a few percent of real time here; 10 inflated makespans by 10-25 %.
      int scale = 5;
      int runs = 3;
      String interval = DEFAULT_INTERVAL;
      int perDay = DEFAULT_PER_DAY;
      boolean tutorial = true;
      MakespanConfig d = MakespanConfig.defaults();
      List<Duration> chunks = List.of(d.chunk());
      List<Integer> concurrency = List.of(d.concurrency());
      List<PollSchedule> polls = List.of(d.polls());
      int workers = 0;
      for (int i = 0; i < args.length; i++) {
        String flag = args[i];
        if (flag.equals("--no-tutorial")) {
          tutorial = false;
          continue;
        }
        if (i + 1 >= args.length) {
          throw new IllegalArgumentException(flag + " needs a value");
        }
        String value = args[++i];
        switch (flag) {
          case "--scale" -> scale = Integer.parseInt(value);
          case "--runs" -> runs = Integer.parseInt(value);
          case "--interval" -> interval = value;
          case "--per-day" -> perDay = Integer.parseInt(value);
          case "--chunks" -> chunks = list(value).stream().map(Duration::parse).toList();
          case "--concurrency" -> concurrency = list(value).stream().map(Integer::valueOf).toList();
          case "--workers" -> workers = Integer.parseInt(value);
          case "--polls" -> polls = list(value).stream().map(MakespanConfig::parsePolls).toList();
          default -> throw new IllegalArgumentException("unknown flag " + flag);
        }
      }
      if (runs < 1) {
        throw new IllegalArgumentException("--runs must be at least 1");
      }
      List<MakespanConfig> configs = new ArrayList<>();
      for (Duration c : chunks) {
        for (int n : concurrency) {
          for (PollSchedule p : polls) {
            configs.add(new MakespanConfig(c, n, workers > 0 ? workers : n, p));
          }
        }
      }
      return new Options(scale, runs, interval, perDay, tutorial, configs);
    }

    private static List<String> list(String value) {
      return Arrays.stream(value.split(",")).map(String::strip).toList();
    }
  }
}
