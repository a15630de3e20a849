package dev.gcjobs.sync;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the cycles of a service's syncs: every {@link #TICK} it looks at the syncs into its
 * destinations and starts, on a small pool, the cycle of each one that is due: not paused, and
 * never run, or asked to reconcile, or with a cycle left running (by a process that died), or whose
 * last cycle began at least {@code every} ago. A sync runs one cycle at a time, and a destination
 * takes one cycle at a time from this process. Nodes sharing a store share the syncs: a sync whose
 * claim another node holds is left to it. Stopping stops the cycles; a cycle cut short stays
 * running in the store and is resumed by the next start, here or on another node.
 *
 * <p>Thread-safe. The engine's workers must run for cycles to make progress.
 */
public final class SyncScheduler implements AutoCloseable {
  /** How often due syncs are looked for: a cycle starts within this of being due. */
  public static final Duration TICK = Duration.ofSeconds(1);

  /** Cycles at once: each mostly waits for its export, which the engine's workers run. */
  public static final int DEFAULT_THREADS = 2;

  /** How soon a cycle left running is tried again here when resuming it could not run. */
  private static final Duration RESUME_RETRY = Duration.ofSeconds(30);

  /** How long a stop waits for stopped cycles to let go of their destinations. */
  private static final Duration STOP_WAIT = Duration.ofSeconds(20);

  private static final Logger log = LoggerFactory.getLogger(SyncScheduler.class);

  private final Syncs syncs;
  private final SyncDestinations destinations;
  private final SyncMetrics metrics;
  private final Clock clock;
  private final ScheduledExecutorService ticker;
  private final ExecutorService cycles;
  private final Set<String> runningHere = ConcurrentHashMap.newKeySet();
  private final Set<String> busyDestinations = ConcurrentHashMap.newKeySet();
  private final Set<String> reconcileAsked = ConcurrentHashMap.newKeySet();
  // When this process last began a cycle of each sync: a cycle with nothing to read stores none.
  private final Map<String, Instant> lastTried = new ConcurrentHashMap<>();

  /**
   * Builds a scheduler; {@link #start()} starts it.
   *
   * @param registry where the syncs' meters go ({@link SyncMetrics})
   * @param clock the clock the syncs' cycles are stamped with
   * @param threads how many cycles may run at once
   */
  public SyncScheduler(
      Syncs syncs,
      SyncDestinations destinations,
      MeterRegistry registry,
      Clock clock,
      int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1: " + threads);
    }
    this.syncs = syncs;
    this.destinations = destinations;
    this.metrics = new SyncMetrics(registry, clock);
    this.clock = clock;
    this.ticker = Executors.newSingleThreadScheduledExecutor(threads("gcjobs-sync-scheduler"));
    this.cycles = Executors.newFixedThreadPool(threads, threads("gcjobs-sync-cycle-"));
  }

  /** Starts looking for due syncs. */
  public SyncScheduler start() {
    ticker.scheduleWithFixedDelay(this::tick, 0, TICK.toMillis(), TimeUnit.MILLISECONDS);
    return this;
  }

  /** The syncs it runs. */
  public Syncs syncs() {
    return syncs;
  }

  /** The destinations whose syncs it runs; syncs into others are left to their own process. */
  public SyncDestinations destinations() {
    return destinations;
  }

  /**
   * Makes the sync's next cycle a reconcile and runs it as soon as this process can take the sync.
   * The request lives in this process until that cycle ends.
   */
  public void reconcileNext(String id) {
    reconcileAsked.add(id);
  }

  private void tick() {
    try {
      List<SyncStatus> ours =
          syncs.list().stream()
              .filter(s -> destinations.nameOf(s.definition().destination()).isPresent())
              .toList();
      metrics.observe(ours);
      lastTried.keySet().retainAll(ours.stream().map(st -> st.definition().id()).toList());
      Instant now = clock.instant();
      for (SyncStatus sync : ours) {
        if (due(sync, now)) {
          launch(sync, now);
        }
      }
    } catch (RuntimeException e) {
      // The store may be down for a while: the next tick tries again.
      log.warn("sync scheduler: cannot read the syncs: {}", e.getMessage());
    }
  }

  private boolean due(SyncStatus sync, Instant now) {
    SyncDefinition def = sync.definition();
    if (sync.paused()
        || runningHere.contains(def.id())
        || busyDestinations.contains(def.destination())) {
      return false;
    }
    Instant tried = lastTried.get(def.id());
    if (sync.running() != null) {
      return tried == null || !now.isBefore(tried.plus(RESUME_RETRY));
    }
    if (reconcileAsked.contains(def.id())) {
      return true;
    }
    Instant last = later(sync.lastCycleAt(), tried);
    return last == null || !now.isBefore(last.plus(def.every()));
  }

  private void launch(SyncStatus sync, Instant now) {
    String id = sync.definition().id();
    String destination = sync.definition().destination();
    boolean reconcile = reconcileAsked.contains(id);
    runningHere.add(id);
    busyDestinations.add(destination);
    lastTried.put(id, now);
    try {
      cycles.execute(
          () -> {
            try {
              run(id, reconcile);
            } finally {
              busyDestinations.remove(destination);
              runningHere.remove(id);
            }
          });
    } catch (RuntimeException e) {
      // Rejected: the scheduler is stopping.
      busyDestinations.remove(destination);
      runningHere.remove(id);
    }
  }

  private void run(String id, boolean reconcile) {
    try {
      CycleSummary summary = syncs.runCycle(id, reconcile);
      if (summary.succeeded() && (summary.reconcile() || summary.seq() == 0)) {
        reconcileAsked.remove(id);
      }
      metrics.cycle(summary);
    } catch (SyncBusy e) {
      // Another node runs it: its stored cycle start says when it is due next.
      lastTried.remove(id);
      log.debug("{}", e.getMessage());
    } catch (InterruptedException e) {
      log.info("sync {}: stopped mid-cycle; the next start resumes it", id);
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      if (deleted(id)) {
        log.info("sync {}: deleted while its cycle ran", id);
        return;
      }
      metrics.failed(id);
      log.warn("sync {}: the cycle could not run: {}", id, e.getMessage());
    }
  }

  private boolean deleted(String id) {
    try {
      return syncs.find(id).isEmpty();
    } catch (RuntimeException storeDown) {
      return false;
    }
  }

  private static Instant later(Instant a, Instant b) {
    if (a == null) {
      return b;
    }
    return b == null || a.isAfter(b) ? a : b;
  }

  /**
   * Stops looking for due syncs and stops the cycles running; each stays resumable. Nothing is
   * interrupted: an interrupt during file I/O closes the channel, and with it an H2 store.
   */
  @Override
  public void close() {
    ticker.shutdown();
    syncs.stop();
    cycles.shutdown();
    try {
      if (!cycles.awaitTermination(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
        log.warn("sync scheduler: cycles still running after {}", STOP_WAIT);
      }
      ticker.awaitTermination(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static ThreadFactory threads(String name) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, name.endsWith("-") ? name + n.incrementAndGet() : name);
      t.setDaemon(true);
      return t;
    };
  }
}
