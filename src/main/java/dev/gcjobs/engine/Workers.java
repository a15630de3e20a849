package dev.gcjobs.engine;

import dev.gcjobs.store.ChunkConflictException;
import dev.gcjobs.store.ChunkRepository;
import dev.gcjobs.store.ChunkRow;
import dev.gcjobs.store.ExportRepository;
import dev.gcjobs.store.ExportRow;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The threads that run chunk steps: each claims a due chunk from the store (a lease, so several
 * processes may share one database), runs its one step, and looks again; idle, it sleeps until the
 * next step is due. A heartbeat renews the leases of the steps running, so a worker that dies loses
 * its chunk to another process one lease after its last beat. Steps can also be run one at a time
 * on the caller's thread (tests tick a clock instead of sleeping). Thread-safe.
 */
final class Workers implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Workers.class);

  /** Heartbeats per lease: a lease outlives a few missed beats (a long GC pause, a slow store). */
  private static final int HEARTBEATS_PER_LEASE = 4;

  /** The longest an idle worker waits before looking for due steps again. */
  private static final Duration MAX_IDLE = Duration.ofSeconds(1);

  private final ExportRepository exports;
  private final ChunkRepository chunks;
  private final ExportCatalog catalog;
  private final ChunkRunner runner;
  private final OutputCompletion completion;
  private final EngineSettings settings;
  private final Clock clock;
  private final List<Thread> threads = new ArrayList<>();

  /** The chunks whose steps run now, by the worker that runs each: what the heartbeat renews. */
  private final Map<ChunkRow, String> running = new ConcurrentHashMap<>();

  private ScheduledExecutorService heartbeat;
  private final Object wake = new Object();
  private volatile boolean closed;

  Workers(
      ExportRepository exports,
      ChunkRepository chunks,
      ExportCatalog catalog,
      ChunkRunner runner,
      OutputCompletion completion,
      EngineSettings settings,
      Clock clock) {
    this.exports = exports;
    this.chunks = chunks;
    this.catalog = catalog;
    this.runner = runner;
    this.completion = completion;
    this.settings = settings;
    this.clock = clock;
  }

  /** Starts the worker threads, for every export or for {@code exportId}'s chunks only. */
  synchronized void start(String exportId) {
    if (heartbeat == null) {
      heartbeat =
          Executors.newSingleThreadScheduledExecutor(
              r -> {
                Thread t = new Thread(r, "gcjobs-heartbeat");
                t.setDaemon(true);
                return t;
              });
      long every = settings.lease().toMillis() / HEARTBEATS_PER_LEASE;
      heartbeat.scheduleWithFixedDelay(this::renewLeases, every, every, TimeUnit.MILLISECONDS);
    }
    for (int i = 0; i < settings.workers(); i++) {
      String owner = LeaseOwner.of("worker-" + i);
      Thread t = new Thread(() -> work(owner, exportId), "gcjobs-worker-" + i);
      t.setDaemon(true);
      threads.add(t);
      t.start();
    }
  }

  /** Claims and runs one due step on the calling thread; whether one ran. */
  boolean runOneDueStep() {
    return runOneStep(LeaseOwner.of(Thread.currentThread().getName()), null);
  }

  /** New work may be due: idle workers look again now. */
  void wake() {
    synchronized (wake) {
      wake.notifyAll();
    }
  }

  /**
   * Renews the lease of every chunk whose step runs now, so that a long step (a Genesys call
   * waiting on the rate budget or retrying) keeps its chunk while only a dead worker's is taken
   * over.
   */
  private void renewLeases() {
    Instant now = clock.instant();
    Instant until = now.plus(settings.lease());
    running.forEach(
        (chunk, owner) -> {
          try {
            chunks.renewLease(chunk.exportId(), chunk.seq(), owner, until, now);
          } catch (RuntimeException e) {
            // The store is unreachable: the step's own save will say so; try again next beat.
            log.debug("heartbeat of chunk {}: {}", chunk.seq(), e.getMessage());
          }
        });
  }

  /** Stops the workers after their current step; their chunks stay scheduled in the store. */
  @Override
  public void close() {
    closed = true;
    wake();
    synchronized (this) {
      if (heartbeat != null) {
        heartbeat.shutdownNow();
      }
    }
    for (Thread t : threads) {
      try {
        t.join(settings.lease().toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
  }

  private void work(String owner, String exportId) {
    while (!closed) {
      try {
        if (runOneStep(owner, exportId)) {
          // The step may have made work due sooner than the idle workers' naps end (a next page
          // due now, a poll in less than MAX_IDLE): let them look again.
          wake();
        } else {
          idle(exportId);
        }
      } catch (RuntimeException e) {
        // The store is unreachable or the like: log it and look again later, never spin.
        log.warn("worker {}: {}", owner, e.getMessage());
        idleFor(MAX_IDLE);
      }
    }
  }

  private void idle(String exportId) {
    Instant now = clock.instant();
    Duration wait =
        (exportId == null ? chunks.nextDueAt() : chunks.nextDueAt(exportId))
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

  /** Claims and runs one due step, of {@code exportId} only when it is not null. */
  private boolean runOneStep(String owner, String exportId) {
    Instant now = clock.instant();
    Optional<ChunkRow> claimed =
        exportId == null
            ? chunks.claimDue(owner, now, settings.lease())
            : chunks.claimDueIn(exportId, owner, now, settings.lease());
    if (claimed.isEmpty()) {
      return false;
    }
    ChunkRow chunk = claimed.get();
    Optional<ExportRow> export = exports.findById(chunk.exportId());
    if (export.isEmpty()) {
      return true;
    }
    ExportRequest request = catalog.requestOf(export.get());
    running.put(chunk, owner);
    try {
      if (runner.step(export.get(), request, chunk)) {
        completion.chunkDone(export.get(), request);
      }
    } catch (ChunkConflictException e) {
      // Cancelled or taken over while this step ran: the other party's write stands.
      log.debug("export {} chunk {}: {}", chunk.exportId(), chunk.seq(), e.getMessage());
    } finally {
      running.remove(chunk);
    }
    return true;
  }
}
