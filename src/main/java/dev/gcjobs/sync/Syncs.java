package dev.gcjobs.sync;

import dev.gcjobs.engine.ExportService;
import dev.gcjobs.engine.ExportStatus;
import dev.gcjobs.store.DuplicateSyncException;
import dev.gcjobs.store.SyncCycleRow;
import dev.gcjobs.store.SyncRepository;
import dev.gcjobs.store.SyncRow;
import dev.gcjobs.tables.TableTarget;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * The syncs: define, list, show, pause, resume, delete, and run a cycle. What the front doors use;
 * thread-safe. Cycles of one sync never overlap, across threads, processes and nodes sharing the
 * store: a cycle runs under the sync's claim, renewed while it runs.
 */
public final class Syncs {
  /** How long a claim holds without renewal: a dead process's sync is taken over after it. */
  static final Duration CLAIM = Duration.ofMinutes(1);

  private static final int CYCLES_SHOWN = 10;

  private final SyncRepository repo;
  private final Function<SyncDefinition, TableTarget> targets;
  private final Clock clock;
  private final String owner;
  private final SyncCycle cycles;
  private final Set<String> claimed = ConcurrentHashMap.newKeySet();
  private volatile boolean stopping;

  /**
   * @param targets the destination a definition names: the one the CLI was given, or one of the
   *     service's configured destinations
   * @param workDir where cycles keep their export files until loaded
   * @param requests the Genesys requests this process made so far
   * @param owner names this process in claims, e.g. {@code host/pid}
   */
  public Syncs(
      SyncRepository repo,
      ExportService exports,
      Function<SyncDefinition, TableTarget> targets,
      Path workDir,
      Clock clock,
      LongSupplier requests,
      String owner) {
    this.repo = repo;
    this.targets = targets;
    this.clock = clock;
    this.owner = owner;
    this.cycles =
        new SyncCycle(repo, exports, workDir, clock, requests, this::renewClaims, () -> stopping);
  }

  /**
   * Stores a new sync, or returns the one that copies the same: the same command run again resumes
   * its sync.
   *
   * @throws SyncConflict when another sync copies the same kind into the destination differently
   */
  public SyncStatus define(SyncDefinition definition) {
    Instant now = clock.instant();
    try {
      repo.insert(
          new SyncRow(
              definition.id(),
              definition.destination(),
              definition.kind().cliName(),
              definition.toJson(),
              false,
              null,
              null,
              now,
              now));
    } catch (DuplicateSyncException e) {
      SyncDefinition existing = SyncDefinition.fromJson(e.existing().definitionJson());
      if (!existing.copiesTheSameAs(definition)) {
        throw new SyncConflict(existing, difference(existing, definition));
      }
      // The same copy under another id is the existing sync.
      return find(existing.id()).orElseThrow();
    }
    return find(definition.id()).orElseThrow();
  }

  private static String difference(SyncDefinition existing, SyncDefinition asked) {
    if (!existing.destination().equals(asked.destination()) || existing.kind() != asked.kind()) {
      return "the id " + asked.id() + " is taken";
    }
    if (!existing.since().equals(asked.since())) {
      return "asked to start from " + asked.since();
    }
    return "with another query";
  }

  /**
   * Makes running cycles stop waiting for their exports and return (with {@link
   * InterruptedException}), each stored as running for the next start to resume; a cycle loading
   * its tables finishes that first.
   */
  public void stop() {
    stopping = true;
  }

  /** Every sync, oldest first. */
  public List<SyncStatus> list() {
    return repo.list().stream().map(this::status).toList();
  }

  /** The sync with that id. */
  public Optional<SyncStatus> find(String id) {
    return repo.find(id).map(this::status);
  }

  /** Holds back or lets run a sync's cycles; false when there is no such sync. */
  public boolean setPaused(String id, boolean paused) {
    return repo.setPaused(id, paused, clock.instant());
  }

  /** Forgets a sync and its cycles; the destination's tables stay. False when there is none. */
  public boolean delete(String id) {
    return repo.delete(id);
  }

  /**
   * Runs the cycle the sync left running, or its next one, here and now.
   *
   * @return what the cycle did; a failed cycle says why and leaves the watermark
   * @throws SyncBusy when another process runs the sync's cycles
   * @throws InterruptedException when stopped mid-way: the next run resumes the cycle
   */
  public CycleSummary runCycle(String id, boolean reconcileNow) throws InterruptedException {
    return runCycle(id, reconcileNow, status -> {});
  }

  /** As {@link #runCycle(String, boolean)}; {@code progress} sees the cycle's export as it runs. */
  public CycleSummary runCycle(String id, boolean reconcileNow, Consumer<ExportStatus> progress)
      throws InterruptedException {
    SyncRow row = repo.find(id).orElseThrow(() -> new IllegalArgumentException("no sync " + id));
    Instant now = clock.instant();
    if (!repo.claim(id, owner, now, now.plus(CLAIM))) {
      String holder = repo.owner(id).orElse("another process");
      if (!ProcessName.isDeadLocal(holder) || !repo.takeOver(id, holder, owner, now.plus(CLAIM))) {
        throw new SyncBusy(id, holder);
      }
    }
    claimed.add(id);
    try {
      TableTarget target = targets.apply(SyncDefinition.fromJson(row.definitionJson()));
      return cycles.run(row, target, reconcileNow, progress);
    } finally {
      claimed.remove(id);
      repo.release(id, owner);
    }
  }

  private void renewClaims() {
    Instant now = clock.instant();
    for (String id : claimed) {
      repo.claim(id, owner, now, now.plus(CLAIM));
    }
  }

  private SyncStatus status(SyncRow row) {
    List<SyncCycleRow> recent = repo.recentCycles(row.id(), CYCLES_SHOWN + 1);
    CycleSummary running = null;
    List<CycleSummary> ended = new ArrayList<>();
    for (SyncCycleRow cycle : recent) {
      if (cycle.state() == SyncCycleRow.State.RUNNING) {
        running = summary(cycle);
      } else if (ended.size() < CYCLES_SHOWN) {
        ended.add(summary(cycle));
      }
    }
    return new SyncStatus(
        SyncDefinition.fromJson(row.definitionJson()),
        row.paused(),
        row.watermark(),
        row.lastReconcileAt(),
        running,
        ended,
        recent.isEmpty() ? null : recent.get(0).startedAt());
  }

  private static CycleSummary summary(SyncCycleRow cycle) {
    SyncCycleRow.Counts counts =
        cycle.counts() == null ? new SyncCycleRow.Counts(0, 0, 0, 0, 0) : cycle.counts();
    Instant end = cycle.finishedAt() == null ? cycle.startedAt() : cycle.finishedAt();
    boolean done = cycle.state() == SyncCycleRow.State.DONE;
    return new CycleSummary(
        cycle.syncId(),
        cycle.seq(),
        cycle.reconcile(),
        cycle.windowStart(),
        cycle.watermarkBefore(),
        done ? cycle.windowEnd() : cycle.watermarkBefore(),
        Duration.between(cycle.windowEnd(), end),
        counts.added(),
        counts.changed(),
        counts.deleted(),
        counts.unchanged(),
        counts.requests(),
        Duration.between(cycle.startedAt(), end),
        cycle.state() == SyncCycleRow.State.FAILED ? cycle.error() : null);
  }
}
