package dev.gcjobs.store;

import static dev.gcjobs.store.ChunkState.CANCELLED;
import static dev.gcjobs.store.ChunkState.DONE;
import static dev.gcjobs.store.ChunkState.FAILED;
import static dev.gcjobs.store.ChunkState.FETCHING;
import static dev.gcjobs.store.ChunkState.PLANNED;
import static dev.gcjobs.store.ChunkState.POLLING;
import static dev.gcjobs.store.ChunkState.SUBMITTED;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The chunk lifecycle as data: every allowed move (state, event → next state) in one table. A chunk
 * changes state only through {@link ChunkRow#after}, which looks the move up here, and the store's
 * bulk moves ({@link ChunkRepository#cancelAll}) take their source states from here too. A move the
 * table does not hold is a bug, never a silent state: it throws {@link IllegalChunkMove} naming the
 * chunk, its state and the event.
 *
 * <p>It lives in the store, not the engine, because the store's own bulk writes must obey it and
 * the store cannot import the engine; the engine decides which event happened.
 */
public final class ChunkLifecycle {
  /** What happened to a chunk. */
  public enum Event {
    /** One of the export's job slots is taken for it; the submit follows. */
    SLOT_TAKEN,
    /** Genesys accepted the job; its id is recorded. */
    SUBMITTED,
    /** The job's status was read: still running. */
    POLLED,
    /** The job's status was read: FULFILLED, its results can be read. */
    FULFILLED,
    /** A results page was written and checkpointed; more follow. */
    PAGE_READ,
    /** The last results page was written and checkpointed. */
    LAST_PAGE_READ,
    /** Genesys refused the results of a fulfilled job: its status says what happened. */
    RESULTS_REFUSED,
    /** The job's results expired: a new job reads the chunk again from the start. */
    EXPIRED,
    /** Genesys no longer knows the job: a new job reads the chunk again from the start. */
    LOST,
    /** The chunk cannot go on (the job failed, a record or the output could not be written). */
    FAILED,
    /**
     * The export's deadline came first. The chunk keeps its state, job and cursor (parked), so
     * running the export again with a later deadline goes on from there.
     */
    DEADLINE_PASSED,
    /** The export was cancelled. */
    CANCELLED,
    /** The export runs again: a failed or cancelled chunk starts over. */
    RESTARTED
  }

  private static final Set<ChunkState> LIVE = ChunkState.ACTIVE;

  private static final Map<ChunkState, Map<Event, ChunkState>> MOVES = table();

  private ChunkLifecycle() {}

  private static Map<ChunkState, Map<Event, ChunkState>> table() {
    Map<ChunkState, Map<Event, ChunkState>> t = new EnumMap<>(ChunkState.class);
    for (ChunkState s : ChunkState.values()) {
      t.put(s, new EnumMap<>(Event.class));
    }
    t.get(PLANNED).put(Event.SLOT_TAKEN, SUBMITTED);
    // A SUBMITTED chunk without a job id (killed between taking the slot and the submit) submits.
    t.get(SUBMITTED).put(Event.SUBMITTED, SUBMITTED);
    for (ChunkState waiting : EnumSet.of(SUBMITTED, POLLING)) {
      t.get(waiting).put(Event.POLLED, POLLING);
      t.get(waiting).put(Event.FULFILLED, FETCHING);
    }
    t.get(FETCHING).put(Event.PAGE_READ, FETCHING);
    t.get(FETCHING).put(Event.LAST_PAGE_READ, DONE);
    t.get(FETCHING).put(Event.RESULTS_REFUSED, POLLING);
    for (ChunkState withJob : EnumSet.of(SUBMITTED, POLLING, FETCHING)) {
      t.get(withJob).put(Event.EXPIRED, PLANNED);
      t.get(withJob).put(Event.LOST, PLANNED);
    }
    for (ChunkState live : LIVE) {
      t.get(live).put(Event.FAILED, FAILED);
      t.get(live).put(Event.DEADLINE_PASSED, live);
      t.get(live).put(Event.CANCELLED, CANCELLED);
    }
    // Nothing leaves DONE: a done export whose output is gone runs again from a new plan.
    t.get(FAILED).put(Event.RESTARTED, PLANNED);
    t.get(CANCELLED).put(Event.RESTARTED, PLANNED);
    Map<ChunkState, Map<Event, ChunkState>> frozen = new EnumMap<>(ChunkState.class);
    t.forEach((state, moves) -> frozen.put(state, Collections.unmodifiableMap(moves)));
    return Collections.unmodifiableMap(frozen);
  }

  /** The state {@code event} moves a chunk in {@code from} to, or empty when it may not. */
  public static Optional<ChunkState> next(ChunkState from, Event event) {
    return Optional.ofNullable(MOVES.get(from).get(event));
  }

  /**
   * The state {@code event} moves {@code chunk} to.
   *
   * @throws IllegalChunkMove when the table has no such move
   */
  static ChunkState next(ChunkRow chunk, Event event) {
    return next(chunk.state(), event).orElseThrow(() -> new IllegalChunkMove(chunk, event));
  }

  /** The moves out of {@code from}, by event. */
  public static Map<Event, ChunkState> movesFrom(ChunkState from) {
    return MOVES.get(from);
  }

  /** The states {@code event} may move a chunk out of. */
  public static Set<ChunkState> sourcesOf(Event event) {
    Set<ChunkState> sources = EnumSet.noneOf(ChunkState.class);
    MOVES.forEach(
        (state, moves) -> {
          if (moves.containsKey(event)) {
            sources.add(state);
          }
        });
    return Collections.unmodifiableSet(sources);
  }

  /** A move the lifecycle table does not allow: a bug in the caller, with what it tried. */
  public static final class IllegalChunkMove extends IllegalStateException {
    IllegalChunkMove(ChunkRow chunk, Event event) {
      super(
          "chunk "
              + chunk.seq()
              + " of export "
              + chunk.exportId()
              + " is "
              + chunk.state()
              + ": the chunk lifecycle has no move on "
              + event);
    }
  }
}
