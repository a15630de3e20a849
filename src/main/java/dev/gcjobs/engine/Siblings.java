package dev.gcjobs.engine;

import dev.gcjobs.store.ChunkConflictException;
import dev.gcjobs.store.ChunkRepository;
import dev.gcjobs.store.ChunkRow;
import dev.gcjobs.store.ChunkState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What one chunk's job means for the other chunks of its export: the job slots they share, and when
 * a job seen done tells its siblings to look sooner.
 */
final class Siblings {
  private final ChunkRepository chunks;
  private final JobDurationHints hints;

  Siblings(ChunkRepository chunks, JobDurationHints hints) {
    this.chunks = chunks;
    this.hints = hints;
  }

  /**
   * Jobs of the export that run at Genesys as far as we know: submitted and not yet seen finished.
   * A chunk reading its results holds no slot: its job no longer runs, and the next one can run
   * meanwhile (holding the slot while reading made exports longer: docs/benchmarks.md, "Export
   * makespan").
   */
  int jobsRunning(String exportId) {
    int running = 0;
    for (ChunkRow c : chunks.findByExport(exportId)) {
      if (c.state() == ChunkState.SUBMITTED || c.state() == ChunkState.POLLING) {
        running++;
      }
    }
    return running;
  }

  /**
   * A finished job frees a job slot: the first chunk held back by the concurrency limit takes it
   * now, not at its next recheck, up to {@link ChunkRunner#CONCURRENCY_RECHECK} later: that left
   * the slot idle after every job (docs/benchmarks.md, "Export makespan").
   */
  private void handOnSlot(List<ChunkRow> siblings, Instant now) {
    for (ChunkRow c : siblings) {
      if (c.state() == ChunkState.PLANNED
          && c.schedule().nextRunAt().isAfter(now)
          && !c.schedule().isLeased(now)) {
        try {
          chunks.release(c, now, now);
        } catch (ChunkConflictException e) {
          // Claimed meanwhile: that worker sees the free slot itself.
        }
        return;
      }
    }
  }

  /**
   * A job found done makes its siblings of no longer chunks due at their expected end, if that is
   * sooner than scheduled: the first wave of jobs, submitted together, is then seen done together.
   */
  private void checkSiblingsSooner(List<ChunkRow> siblings, Duration doneLength, Instant now) {
    for (ChunkRow c : siblings) {
      Optional<Instant> sooner = hints.soonerCheck(c, doneLength, now);
      if (sooner.isPresent()) {
        try {
          chunks.release(c, sooner.get(), now);
        } catch (ChunkConflictException e) {
          // Claimed or changed meanwhile: its own step schedules it.
        }
      }
    }
  }

  /** {@code chunk}'s job was found done: a held-back chunk takes its slot, siblings look sooner. */
  void jobFulfilled(ChunkRow chunk, Instant now) {
    List<ChunkRow> siblings = chunks.findByExport(chunk.exportId());
    handOnSlot(siblings, now);
    checkSiblingsSooner(siblings, JobDurationHints.lengthOf(chunk), now);
  }
}
