package dev.gcjobs.app;

import dev.gcjobs.app.TableLoads.LoadReport;
import dev.gcjobs.engine.ExportService;
import dev.gcjobs.tables.LoadCounts;
import dev.gcjobs.tables.LoadResult;
import dev.gcjobs.tables.PartsLoad;
import dev.gcjobs.tables.RecordKind;
import dev.gcjobs.tables.TableDestination;
import dev.gcjobs.tables.TableTarget;
import dev.gcjobs.tables.TablesException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code gcjobs export --to}: the export's records loaded into tables while it runs. A thread of
 * its own loads the records of each page the chunks save ({@link PartsLoad}); once the export is
 * done, {@link #finish} loads what is left from its output. The export waits on Genesys' rate
 * budget and leaves the cores mostly idle, so the load hides behind it instead of following it.
 */
public final class ExportTablesLoad implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ExportTablesLoad.class);

  private final ExportService exports;
  private final String exportId;
  private final TableTarget target;
  private final TableDestination destination;
  private final PartsLoad load;
  private final Thread thread;
  private final Object wake = new Object();
  private volatile boolean stopping;
  private boolean closed;
  private OptionalLong exportDoneNanos = OptionalLong.empty();

  private ExportTablesLoad(
      ExportService exports, String exportId, TableTarget target, RecordKind kind) {
    this.exports = exports;
    this.exportId = exportId;
    this.target = target;
    // One instant stamps every row this load writes, so that its counts can be read back from the
    // tables: a page loaded twice (once as it came, once from the output) counts once.
    this.destination = target.destination(Clock.fixed(Instant.now(), ZoneOffset.UTC));
    this.load = new PartsLoad(destination, kind);
    this.thread = new Thread(this::follow, "gcjobs-export-load");
    thread.setDaemon(true);
  }

  /**
   * Starts loading export {@code exportId}'s records into the destination {@code to} as its chunks
   * save them.
   *
   * @param schema the schema, or null for the destination's default
   * @param kind {@code conversations} or {@code users}
   * @throws dev.gcjobs.tables.TablesException (subject {@code DESTINATION}) when {@code to} names
   *     no destination
   */
  public static ExportTablesLoad start(
      ExportService exports,
      String exportId,
      String to,
      String schema,
      String kind,
      Map<String, String> env) {
    ExportTablesLoad tablesLoad =
        new ExportTablesLoad(
            exports,
            exportId,
            TableTarget.parse(to, schema, env),
            RecordKind.valueOf(kind.toUpperCase(Locale.ROOT)));
    tablesLoad.thread.start();
    return tablesLoad;
  }

  private void follow() {
    try {
      boolean goOn = true;
      while (goOn && !stopping) {
        goOn = load.follow("export " + exportId, () -> exports.savedParts(exportId), bytes -> {});
        synchronized (wake) {
          if (!stopping) {
            wake.wait(PartsLoad.EVERY.toMillis());
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Stops loading pages (those being loaded are loaded to their end) and tells how many bytes of
   * the finished export's output {@link #finish} will read.
   */
  public long rest(Path output) {
    exportDoneNanos = OptionalLong.of(System.nanoTime());
    stop();
    return load.rest(output);
  }

  /**
   * Loads what {@code output}, the finished export's output, holds beyond the pages loaded, and
   * closes the destination (Parquet files are written then).
   *
   * @param bytesRead told how many of those bytes were read so far
   * @return what the whole load did; its time is what it took after the export was done, from the
   *     call of {@link #rest} (or of this)
   * @throws dev.gcjobs.tables.TablesException saying what is wrong
   */
  public LoadReport finish(Path output, LongConsumer bytesRead) {
    long start = exportDoneNanos.orElse(System.nanoTime());
    stop();
    LoadResult result = load.finish(output, bytesRead);
    LoadCounts once = destination.countsAt();
    closed = true;
    destination.close();
    LoadCounts counts =
        new LoadCounts(once.inserted(), once.changed(), once.unchanged(), result.counts().rows());
    return LoadReport.of(
        new LoadResult(result.kind(), counts, result.unknownFields()), target, start);
  }

  /** Waits for the thread to end, even when interrupted: it uses the destination until then. */
  private void stop() {
    stopping = true;
    synchronized (wake) {
      wake.notifyAll();
    }
    boolean interrupted = false;
    while (thread.isAlive()) {
      try {
        thread.join();
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Stops loading pages and closes the destination, unless {@link #finish} did; what was loaded
   * stays.
   */
  @Override
  public void close() {
    stop();
    if (closed) {
      return;
    }
    closed = true;
    try {
      destination.close();
    } catch (TablesException e) {
      log.warn("export {}: {}", exportId, e.getMessage());
    }
  }
}
