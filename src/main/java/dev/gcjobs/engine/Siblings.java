package dev.gcjobs.engine;

import dev.gcjobs.store.ChunkRepository;
import dev.gcjobs.store.ChunkRow;
import dev.gcjobs.store.ChunkState;
import dev.gcjobs.store.ChunkSteps;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What one chunk's job means for the other chunks of its export: the job slots they share, and when
 * a job seen done tells its siblings to look sooner.
 */
final class Siblings {
  private final ChunkRepository chunks;
  private final ChunkSteps steps;
  private final JobDurationHints hints;

  Siblings(ChunkRepository chunks, ChunkSteps steps, JobDurationHints hints) {
    this.chunks = chunks;
    this.steps = steps;
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
      // One that runs meanwhile sees the free slot itself.
      if (c.state() == ChunkState.PLANNED
          && c.schedule().waitsPast(now)
          && steps.moveSooner(c.exportId(), c.seq(), now)) {
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
      // One that runs or changed meanwhile is left to its own step, which schedules it.
      hints
          .soonerCheck(c, doneLength, now)
          .ifPresent(at -> steps.moveSooner(c.exportId(), c.seq(), at));
    }
  }

  /** {@code chunk}'s job was found done: a held-back chunk takes its slot, siblings look sooner. */
  void jobFulfilled(ChunkRow chunk, Instant now) {
    List<ChunkRow> siblings = chunks.findByExport(chunk.exportId());
    handOnSlot(siblings, now);
    checkSiblingsSooner(siblings, JobDurationHints.lengthOf(chunk), now);
  }
}
