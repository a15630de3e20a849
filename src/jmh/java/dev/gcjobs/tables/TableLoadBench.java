package dev.gcjobs.tables;

import com.sun.management.OperatingSystemMXBean;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;

/**
 * Loading an export into tables: {@code gcjobs load}'s path (an NDJSON file into DuckDB, and into
 * PostgreSQL) against DuckDB's own {@code read_json_auto} of the same file into one raw table, in
 * the same run, and against the same DuckDB tables built by DuckDB alone in SQL (the floor). The
 * file is 30 days x 2,000 conversations a day from the emulator's generator. See
 * docs/benchmarks.md, "Loading tables".
 *
 * <pre>
 * TableLoadBench [--runs 3] [--days 30] [--per-day 2000] [--export FILE] [--no-duckdb] [--no-floor]
 *     [--pg jdbc:postgresql://127.0.0.1:5432/test?user=postgres | --no-pg]
 * </pre>
 *
 * Each round loads into a fresh DuckDB file, a fresh PostgreSQL schema and a fresh baseline file,
 * so that machine noise spreads evenly; the times include opening and closing the destination. The
 * baseline always runs: the results are told against it. For a PostgreSQL server on this machine,
 * the server's CPU time during a load is told too: of the load's own session, and of all the
 * server's processes (its writers, and any other client's sessions). {@code --export} loads an
 * NDJSON file written before (kept) instead of writing one. Progress goes to stderr, the results to
 * stdout.
 */
public final class TableLoadBench {
  private TableLoadBench() {}

  public static void main(String[] args) throws Exception {
    int runs = 3;
    int days = 30;
    int perDay = 2000;
    String pg = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";
    boolean duckDb = true;
    boolean floor = true;
    Path given = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--runs" -> runs = Integer.parseInt(args[++i]);
        case "--days" -> days = Integer.parseInt(args[++i]);
        case "--per-day" -> perDay = Integer.parseInt(args[++i]);
        case "--pg" -> pg = args[++i];
        case "--no-pg" -> pg = null;
        case "--no-duckdb" -> duckDb = false;
        case "--no-floor" -> floor = false;
        case "--export" -> given = Path.of(args[++i]);
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    PrintStream log = System.err;
    Path work = Files.createTempDirectory("gcjobs-tables-bench-");
    Path export =
        given != null
            ? given
            : EmulatorNdjson.conversations(work.resolve("export.ndjson"), days, perDay);
    long conversations;
    try (Stream<String> lines = Files.lines(export)) {
      conversations = lines.count();
    }
    log.printf("%,d conversations, %,d bytes in %s%n", conversations, Files.size(export), export);
    Map<String, List<Run>> results = new LinkedHashMap<>();
    for (int round = 0; round <= runs; round++) {
      String label = round == 0 ? "warm-up" : "run " + round;
      Run duck = null;
      if (duckDb) {
        duck = load(export, work.resolve("load-" + round + ".duckdb").toString(), null);
        log.println(label + " duckdb: " + duck.line(conversations));
      }
      Run least = null;
      if (duckDb && floor) {
        least = floor(export, work.resolve("floor-" + round + ".duckdb"));
        log.println(label + " duckdb sql alone: " + least.line(conversations));
      }
      Run base = baseline(export, work.resolve("base-" + round + ".duckdb"));
      log.println(label + " read_json_auto: " + base.line(conversations));
      Run postgres = null;
      if (pg != null) {
        String schema = "gcjobs_bench_" + round;
        postgres = load(export, pg, schema);
        drop(pg, schema);
        log.println(label + " postgres: " + postgres.line(conversations));
      }
      if (round > 0) {
        if (duck != null) {
          results.computeIfAbsent("DuckDB (gcjobs load)", k -> new ArrayList<>()).add(duck);
        }
        if (least != null) {
          results.computeIfAbsent("DuckDB SQL alone (floor)", k -> new ArrayList<>()).add(least);
        }
        results
            .computeIfAbsent("DuckDB read_json_auto (baseline)", k -> new ArrayList<>())
            .add(base);
        if (postgres != null) {
          results.computeIfAbsent("PostgreSQL (gcjobs load)", k -> new ArrayList<>()).add(postgres);
        }
      }
    }
    report(results, conversations, runs, System.out);
    try (Stream<Path> files = Files.walk(work)) {
      for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(f);
      }
    }
  }

  /**
   * One load: its time, the CPU time of this process during it (DuckDB's threads included,
   * PostgreSQL's server not), and the rows it wrote per table.
   */
  record Run(
      double seconds,
      double cpuSeconds,
      double sessionCpuSeconds,
      double serverCpuSeconds,
      Map<String, Long> rows) {
    String line(long conversations) {
      return String.format(
          "%.2f s, %,.0f conversations/s, %.2f CPU s, server CPU s %.2f session, %.2f all",
          seconds, conversations / seconds, cpuSeconds, sessionCpuSeconds, serverCpuSeconds);
    }
  }

  private static final OperatingSystemMXBean OS =
      (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  private static double cpuSince(long cpuNanos) {
    return (OS.getProcessCpuTime() - cpuNanos) / 1e9;
  }

  /** Loads into DuckDB ({@code schema} null) or PostgreSQL. */
  private static Run load(Path export, String to, String schema) throws InterruptedException {
    SessionCpu session = null;
    if (schema != null) {
      String name = "gcjobs-bench-" + ProcessHandle.current().pid() + "-" + schema;
      session = new SessionCpu(to, name);
      to += (to.contains("?") ? "&" : "?") + "ApplicationName=" + name;
      session.start();
    }
    double server = schema == null ? Double.NaN : ServerCpu.seconds();
    long start = System.nanoTime();
    long cpu = OS.getProcessCpuTime();
    LoadResult result;
    try (TableDestination destination =
        TableTarget.parse(to, schema, Map.of()).destination(Clock.systemUTC())) {
      result = new NdjsonLoad(export, RecordKind.CONVERSATIONS, bytes -> {}).into(destination);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    double client = cpuSince(cpu);
    if (session == null) {
      return new Run(seconds, client, Double.NaN, Double.NaN, result.counts().rows());
    }
    session.halt();
    Thread.sleep(200); // the closed session's server process exits and is reaped: its time counts
    return new Run(
        seconds, client, session.seconds, ServerCpu.seconds() - server, result.counts().rows());
  }

  /**
   * Samples the CPU time of one PostgreSQL session's server process on this machine, found by its
   * application name, until halted: the load's own share of the server, whatever else it serves.
   */
  static final class SessionCpu extends Thread {
    private static final long SAMPLE_MILLIS = 50;

    private final String url;
    private final String name;
    private volatile boolean halted;
    volatile double seconds = Double.NaN;

    SessionCpu(String url, String name) {
      super("session-cpu");
      this.url = url;
      this.name = name;
      setDaemon(true);
    }

    @Override
    public void run() {
      try (Connection c = DriverManager.getConnection(url);
          PreparedStatement find =
              c.prepareStatement("SELECT pid FROM pg_stat_activity WHERE application_name = ?")) {
        find.setString(1, name);
        long pid = 0;
        while (!halted) {
          if (pid == 0) {
            try (ResultSet rs = find.executeQuery()) {
              pid = rs.next() ? rs.getLong(1) : 0;
            }
          }
          if (pid != 0) {
            String[] stat = ServerCpu.stat(Path.of("/proc", String.valueOf(pid)));
            if (stat != null) {
              seconds =
                  (Long.parseLong(stat[11]) + Long.parseLong(stat[12]))
                      / ServerCpu.TICKS_PER_SECOND;
            }
          }
          Thread.sleep(SAMPLE_MILLIS);
        }
      } catch (SQLException | InterruptedException e) {
        seconds = Double.NaN;
      }
    }

    void halt() throws InterruptedException {
      halted = true;
      join();
    }
  }

  /**
   * The CPU time of a PostgreSQL server on this machine, from /proc: of all its processes, and of
   * the sessions that ended (their time is the postmaster's children's). NaN when there is none.
   */
  static final class ServerCpu {
    static final double TICKS_PER_SECOND = 100; // USER_HZ on Linux x86_64

    static double seconds() {
      long ticks = 0;
      boolean found = false;
      try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
        for (Path process :
            processes.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
          String[] stat = stat(process);
          if (stat == null) {
            continue;
          }
          ticks += Long.parseLong(stat[11]) + Long.parseLong(stat[12]);
          if (!postgres(Path.of("/proc", stat[1]))) { // the postmaster: add its ended children
            ticks += Long.parseLong(stat[13]) + Long.parseLong(stat[14]);
          }
          found = true;
        }
      } catch (java.io.IOException e) {
        return Double.NaN;
      }
      return found ? ticks / TICKS_PER_SECOND : Double.NaN;
    }

    /** The fields after the command of a postgres process's stat (state first), or null. */
    static String[] stat(Path process) {
      if (!postgres(process)) {
        return null;
      }
      try {
        String stat = Files.readString(process.resolve("stat"));
        return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      } catch (java.io.IOException e) {
        return null; // it ended
      }
    }

    private static boolean postgres(Path process) {
      try {
        return Files.readString(process.resolve("comm")).strip().equals("postgres");
      } catch (java.io.IOException e) {
        return false;
      }
    }
  }

  private static Run baseline(Path export, Path file) throws SQLException {
    long start = System.nanoTime();
    long cpu = OS.getProcessCpuTime();
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + file);
        Statement s = c.createStatement()) {
      s.execute(
          "CREATE TABLE raw AS SELECT * FROM read_json_auto('"
              + export
              + "', format = 'newline_delimited')");
    }
    return new Run(
        (System.nanoTime() - start) / 1e9, cpuSince(cpu), Double.NaN, Double.NaN, Map.of());
  }

  /**
   * The DuckDB load's tables built by DuckDB alone, in SQL, from the file: its own reader, SHA-256
   * and parse (of every field of the mapping), then the inserts the load generates; no
   * unknown-field report, no check of the lines, no progress. What a load into DuckDB could cost at
   * best here.
   */
  private static Run floor(Path export, Path file) throws SQLException {
    TableMapping mapping = TableMapping.of(RecordKind.CONVERSATIONS);
    FieldsSeen all = FieldsSeen.NONE;
    for (Table table : mapping.tables()) {
      all = all.with(table);
      for (Column column : table.flattenedColumns()) {
        all = all.with(column);
      }
    }
    DuckDbFlattening flattening = new DuckDbFlattening(mapping, all, false);
    MergeSql merge = new MergeSql(mapping, "main");
    String lines =
        "(SELECT json->>'$.conversationId' AS id, sha256(json) AS content_hash,"
            + " CAST(json AS VARCHAR) AS line, CAST(NULL AS VARCHAR) AS drops FROM read_ndjson_objects('"
            + export
            + "'))";
    String at = "CAST('2026-01-01T00:00:00Z' AS TIMESTAMPTZ)";
    Map<String, String> stamps = new LinkedHashMap<>();
    stamps.put("first_loaded_at", at);
    stamps.put("last_changed_at", at);
    stamps.put("deleted_at", "NULL");
    stamps.put("last_seen_at", at);
    Map<String, Long> rows = new LinkedHashMap<>();
    long start = System.nanoTime();
    long cpu = OS.getProcessCpuTime();
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + file);
        Statement s = c.createStatement()) {
      s.execute("SET preserve_insertion_order = false");
      for (Table table : mapping.tables()) {
        s.execute(SqlDialect.DUCKDB.createTable(merge.target(table), table));
      }
      c.setAutoCommit(false);
      // The load's parse, reading the file where the load reads its table of lines.
      s.execute(flattening.parse(1).replace("FROM " + DuckDbFlattening.LINES, "FROM " + lines));
      List<List<String>> inserts =
          flattening.insert(DuckDbFlattening.PARSED, merge::target, stamps);
      for (int t = 0; t < inserts.size(); t++) {
        long written = 0;
        for (String statement : inserts.get(t)) {
          written = s.executeUpdate(statement);
        }
        rows.put(mapping.tables().get(t).name(), written);
      }
      c.commit();
    }
    return new Run((System.nanoTime() - start) / 1e9, cpuSince(cpu), Double.NaN, Double.NaN, rows);
  }

  private static void drop(String pg, String schema) throws SQLException {
    try (Connection c = DriverManager.getConnection(pg);
        Statement s = c.createStatement()) {
      s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }
  }

  private static void report(
      Map<String, List<Run>> results, long conversations, int runs, PrintStream out) {
    double baseline = median(results.get("DuckDB read_json_auto (baseline)"));
    out.printf("%n%,d conversations, median of %d runs%n%n", conversations, runs);
    out.println(
        "| load | seconds | conversations/s | time / read_json_auto | CPU s (this process)"
            + " | CPU s (its PostgreSQL session) | CPU s (PostgreSQL, all processes) |");
    out.println("|---|---|---|---|---|---|---|");
    for (Map.Entry<String, List<Run>> e : results.entrySet()) {
      double seconds = median(e.getValue());
      double cpu = e.getValue().stream().mapToDouble(Run::cpuSeconds).sorted().toArray()[runs / 2];
      out.printf(
          "| %s | %.2f | %,.0f | %.1f | %.1f | %s | %s |%n",
          e.getKey(),
          seconds,
          conversations / seconds,
          seconds / baseline,
          cpu,
          median(e.getValue(), Run::sessionCpuSeconds),
          median(e.getValue(), Run::serverCpuSeconds));
    }
    for (Map.Entry<String, List<Run>> e : results.entrySet()) {
      if (e.getValue().get(0).rows().isEmpty()) {
        continue;
      }
      double seconds = median(e.getValue());
      out.printf("%n%s: rows per table (median time)%n%n", e.getKey());
      out.println("| table | rows | rows/s |");
      out.println("|---|---|---|");
      e.getValue()
          .get(0)
          .rows()
          .forEach(
              (table, rows) -> out.printf("| %s | %,d | %,.0f |%n", table, rows, rows / seconds));
    }
  }

  /** The median of a CPU time, or blank where it was not measured. */
  private static String median(List<Run> runs, ToDoubleFunction<Run> cpu) {
    double[] sorted = runs.stream().mapToDouble(cpu).sorted().toArray();
    double median = sorted[sorted.length / 2];
    return Double.isNaN(median) ? "" : String.format("%.1f", median);
  }

  private static double median(List<Run> runs) {
    List<Double> seconds =
        runs.stream().map(Run::seconds).sorted(Comparator.naturalOrder()).toList();
    int n = seconds.size();
    return n % 2 == 1 ? seconds.get(n / 2) : (seconds.get(n / 2 - 1) + seconds.get(n / 2)) / 2;
  }
}
