package dev.gcjobs.store;

import java.time.Duration;
import java.time.Instant;

/**
 * A way to run chunk steps for {@link SchedulerBench}: the product's own work queue over {@link
 * ChunkRepository}, or db-scheduler. Both store exports and chunks through the product's
 * repositories; they differ in how a step is found, held and scheduled again.
 */
interface StepQueue extends AutoCloseable {

  /** Starts the worker threads (or the scheduler); {@code hook} runs as each step's work. */
  void start(StepHook hook);

  /**
   * Stores a new export of {@code chunks} chunks due at {@code dueAt}, as a submit does.
   *
   * @param local true when this process runs the steps (it may wake its workers), false to store it
   *     as another process would (a CLI, another node) without telling this one
   */
  void submit(String exportId, int chunks, Instant dueAt, boolean local);

  /** Stops the workers after their current step. */
  @Override
  void close();

  /** What a step does, measured by the scenarios. */
  @FunctionalInterface
  interface StepHook {
    /**
     * @param scheduledAt when the step was due (the chunk's next-run time, the execution time)
     * @param startedAt when the step's work started, after the queue read what it needs
     * @return when the chunk's next step is due
     */
    Next onStep(String exportId, int seq, Instant scheduledAt, Instant startedAt);
  }

  /** When the next step is due: after {@code delay}, or never ({@code delay} null: done). */
  record Next(Duration delay) {
    static final Next NOW = new Next(Duration.ZERO);
    static final Next DONE = new Next(null);

    static Next after(Duration delay) {
      return new Next(delay);
    }

    boolean done() {
      return delay == null;
    }
  }

  /** The chunk id used as db-scheduler's task instance: {@code exportId/seq}. */
  static String instanceId(String exportId, int seq) {
    return exportId + "/" + seq;
  }

  /** {@code chunk} after one more results page, as the engine stores it. */
  static ChunkRow pageRead(ChunkRow chunk) {
    ChunkRow.Checkpoint c = chunk.checkpoint();
    return chunk
        .after(ChunkLifecycle.Event.PAGE_READ)
        .withCheckpoint(c.nextPage("page-" + (c.pages() + 1), c.records(), c.partBytes(), null));
  }

  /** The chunks of a new export, reading results (every step a page), all due at {@code dueAt}. */
  static java.util.List<ChunkRow> plannedChunks(
      String exportId, int chunks, Instant dueAt, Instant now) {
    java.util.List<ChunkRow> rows = new java.util.ArrayList<>();
    Instant start = Instant.parse("2020-01-01T00:00:00Z");
    for (int seq = 0; seq < chunks; seq++) {
      Instant from = start.plus(Duration.ofDays(2L * seq));
      rows.add(
          ChunkRow.planned(exportId, seq, from, from.plus(Duration.ofDays(2)), now)
              .after(ChunkLifecycle.Event.SLOT_TAKEN)
              .after(ChunkLifecycle.Event.FULFILLED)
              .withSchedule(ChunkRow.Schedule.due(dueAt)));
    }
    return rows;
  }

  /** A RUNNING export row as the engine stores it (the request JSON is never read here). */
  static ExportRow runningExport(String exportId, Instant now) {
    return ExportRow.running(
        exportId, "bench-" + exportId, null, "conversations", "{}", "/dev/null", null, now);
  }
}
