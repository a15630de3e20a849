package dev.gcjobs.store;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The product's own work queue as the engine drives it (engine/Engine.java {@code work}, {@code
 * idle}, {@code runOneStep} at 8d6bbf0, with the step's Genesys call replaced by the scenario's
 * hook): workers claim a due chunk with a lease, read its export, run the step, then release the
 * chunk with its next-run time (or save it DONE) and wake the other workers; a worker with nothing
 * due naps until the next due chunk, at most {@link #MAX_IDLE}, and a local submit wakes it.
 */
final class OwnWorkQueue implements StepQueue {
  private static final Logger log = LoggerFactory.getLogger(OwnWorkQueue.class);

  /** Engine.MAX_IDLE: the longest an idle worker waits before looking for due steps again. */
  private static final Duration MAX_IDLE = Duration.ofSeconds(1);

  /** EngineSettings.DEFAULT_LEASE. */
  private static final Duration LEASE = Duration.ofMinutes(10);

  private final Database db;
  private final int workers;
  private final String onlyExport;
  private final Object wake = new Object();
  private final List<Thread> threads = new ArrayList<>();
  private volatile boolean closed;
  private StepHook hook;

  /**
   * @param onlyExport null to claim the chunks of every export ({@code gcjobs serve}), or the one
   *     export a CLI process runs ({@code Engine.startFor})
   */
  OwnWorkQueue(Database db, int workers, String onlyExport) {
    this.db = db;
    this.workers = workers;
    this.onlyExport = onlyExport;
  }

  @Override
  public void start(StepHook hook) {
    this.hook = hook;
    for (int i = 0; i < workers; i++) {
      String owner = "bench/" + ProcessHandle.current().pid() + "/worker-" + i;
      Thread t = new Thread(() -> work(owner), "own-worker-" + i);
      t.setDaemon(true);
      threads.add(t);
      t.start();
    }
  }

  @Override
  public void submit(String exportId, int chunks, Instant dueAt, boolean local) {
    Instant now = Instant.now();
    db.exports()
        .insert(
            StepQueue.runningExport(exportId, now),
            StepQueue.plannedChunks(exportId, chunks, dueAt, now));
    if (local) {
      wakeWorkers();
    }
  }

  @Override
  public void close() {
    closed = true;
    wakeWorkers();
    for (Thread t : threads) {
      try {
        t.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private void work(String owner) {
    while (!closed) {
      try {
        if (runOneStep(owner)) {
          wakeWorkers();
        } else {
          idle();
        }
      } catch (RuntimeException e) {
        log.warn("worker {}: {}", owner, e.getMessage());
        idleFor(MAX_IDLE);
      }
    }
  }

  private boolean runOneStep(String owner) {
    ChunkRepository chunks = db.chunks();
    Instant now = Instant.now();
    Optional<ChunkRow> claimed =
        onlyExport == null
            ? chunks.claimDue(owner, now, LEASE)
            : chunks.claimDueIn(onlyExport, owner, now, LEASE);
    if (claimed.isEmpty()) {
      return false;
    }
    ChunkRow chunk = claimed.get();
    if (db.exports().findById(chunk.exportId()).isEmpty()) {
      return true;
    }
    Next next =
        hook.onStep(chunk.exportId(), chunk.seq(), chunk.schedule().nextRunAt(), Instant.now());
    Instant at = Instant.now();
    try {
      if (next.done()) {
        chunks.save(
            chunk
                .after(ChunkLifecycle.Event.LAST_PAGE_READ)
                .withSchedule(ChunkRow.Schedule.due(chunk.schedule().nextRunAt())),
            at);
      } else {
        chunks.release(StepQueue.pageRead(chunk), at.plus(next.delay()), at);
      }
    } catch (ChunkConflictException e) {
      log.debug("{}", e.getMessage());
    }
    return true;
  }

  private void idle() {
    Instant now = Instant.now();
    ChunkRepository chunks = db.chunks();
    Duration wait =
        (onlyExport == null ? chunks.nextDueAt() : chunks.nextDueAt(onlyExport))
            .map(due -> Duration.between(now, due))
            .filter(d -> d.compareTo(MAX_IDLE) < 0)
            .orElse(MAX_IDLE);
    idleFor(wait);
  }

  private void idleFor(Duration wait) {
    if (wait.isNegative() || wait.isZero()) {
      return;
    }
    synchronized (wake) {
      if (!closed) {
        try {
          wake.wait(Math.max(1, wait.toMillis()));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          closed = true;
        }
      }
    }
  }

  private void wakeWorkers() {
    synchronized (wake) {
      wake.notifyAll();
    }
  }
}
