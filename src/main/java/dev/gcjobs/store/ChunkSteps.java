package dev.gcjobs.store;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerBuilder;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.TaskRepository;
import com.github.kagkarlsson.scheduler.TaskResolver;
import com.github.kagkarlsson.scheduler.event.SchedulerListeners;
import com.github.kagkarlsson.scheduler.jdbc.AutodetectJdbcCustomization;
import com.github.kagkarlsson.scheduler.jdbc.JdbcCustomization;
import com.github.kagkarlsson.scheduler.jdbc.JdbcTaskRepository;
import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.Execution;
import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import com.github.kagkarlsson.scheduler.task.ExecutionOperations;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs chunk steps on db-scheduler: each unfinished chunk of a running export is one execution of
 * task {@value StepExecutions#TASK} (instance {@code exportId/seq}) whose execution time is when
 * its next step is due. db-scheduler finds due executions, lets one process at a time run each
 * (across threads, processes and nodes), beats for the running ones and revives those of a process
 * that stopped beating. The chunk rows stay the record of state and checkpoints; a step stores its
 * outcome there, then its execution is rescheduled to the next step's time or removed.
 *
 * <p>Added to db-scheduler here: a timer that wakes this process's poller when a step it
 * rescheduled is due (db-scheduler alone looks only every polling interval), taking over at start
 * the executions of a dead process on this host, and a scheduler confined to one export for the CLI
 * ({@link OneExportPolls}). Steps can also run one at a time on the caller's thread with the given
 * clock ({@link #runOneDue}): tests tick time instead of sleeping. Thread-safe.
 */
public final class ChunkSteps implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ChunkSteps.class);

  /**
   * How often a running step's process beats. Steps are one Genesys call each, so a beat costs one
   * UPDATE per running step; a dead process's steps come back after {@link #DEAD_AFTER}.
   */
  static final Duration HEARTBEAT = Duration.ofSeconds(10);

  /**
   * Beats missed before a step counts as dead: well above what one beat may take when the pool or
   * the database stalls (three tries at the pool's connection timeout), since a live step declared
   * dead runs twice (the second one's writes fail their version check, but its call is made).
   */
  static final int MISSED_HEARTBEATS = 6;

  /** How long a process may go without beating before its running steps are revived elsewhere. */
  static final Duration DEAD_AFTER = HEARTBEAT.multipliedBy(MISSED_HEARTBEATS);

  /**
   * How often the poller looks for due steps: work written by another process (a submit to another
   * node, a step of a shared export) starts within this. This process's own work is woken at once.
   */
  static final Duration POLLING_INTERVAL = Duration.ofSeconds(1);

  /** When a step that threw (the store unreachable, a bug) is tried again, from its row. */
  static final Duration RETRY_AFTER_ERROR = Duration.ofSeconds(10);

  /** How long closing waits for running steps: one Genesys call each. */
  private static final Duration SHUTDOWN_WAIT = Duration.ofMinutes(1);

  /**
   * How long after a step's time the wake timer fires: a wake even a little early (the timer's
   * clock is not the wall clock) finds nothing due, and the step waits for the next poll.
   */
  private static final Duration WAKE_MARGIN = Duration.ofMillis(5);

  /** Due executions read per look when stepping on the caller's thread. */
  private static final int DIRECT_CANDIDATES = 16;

  private final Database db;
  private final int threads;
  private final Clock clock;
  private final Duration heartbeat;
  private final JdbcCustomization dialect;
  private final String name = ProcessName.current();
  private volatile Scheduler scheduler;
  private String startedFor;
  private volatile ScheduledExecutorService timer;

  /**
   * @param threads how many steps run at once in this process
   * @param clock the time steps are due by
   */
  public ChunkSteps(Database db, int threads, Clock clock) {
    this(db, threads, clock, HEARTBEAT);
  }

  ChunkSteps(Database db, int threads, Clock clock, Duration heartbeat) {
    this.db = db;
    this.threads = threads;
    this.clock = clock;
    this.heartbeat = heartbeat;
    this.dialect = new AutodetectJdbcCustomization(db.dataSource());
  }

  /**
   * Starts running due steps on {@code threads} threads, after taking over the steps of dead
   * processes on this host.
   *
   * @param onlyExportId run only this export's steps, or null for every export in the store
   * @throws IllegalStateException when they run already for another set of exports
   */
  public synchronized void start(StepHandler handler, String onlyExportId) {
    if (scheduler != null) {
      if (Objects.equals(startedFor, onlyExportId)) {
        return;
      }
      throw new IllegalStateException("the chunk steps already run for " + startedFor);
    }
    startedFor = onlyExportId;
    takeOverDeadLocal();
    SchedulerBuilder builder =
        Scheduler.create(db.dataSource(), List.of(task(handler)))
            .tableName(StepExecutions.TABLE)
            .schedulerName(new SchedulerName.Fixed(name))
            .clock(clock::instant)
            .threads(threads)
            .pollingInterval(POLLING_INTERVAL)
            .enableImmediateExecution()
            .heartbeatInterval(heartbeat)
            .missedHeartbeatsLimit(MISSED_HEARTBEATS)
            .shutdownMaxWait(SHUTDOWN_WAIT);
    if (onlyExportId != null) {
      builder.jdbcCustomization(new OneExportPolls(dialect, onlyExportId));
    } else {
      builder.jdbcCustomization(dialect);
      if (dialect.supportsSingleStatementLockAndFetch()) {
        // PostgreSQL: claim and read due executions in one UPDATE ... RETURNING.
        builder.pollUsingLockAndFetch(0.5, 1.0);
      }
    }
    timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "gcjobs-step-wake");
              t.setDaemon(true);
              return t;
            });
    scheduler = builder.build();
    scheduler.start();
  }

  /**
   * Runs one due step on the calling thread, by the clock given; the scheduler's own threads need
   * not run.
   *
   * @return whether a step ran
   */
  public boolean runOneDue(StepHandler handler) {
    CustomTask<Void> task = task(handler);
    TaskRepository repository =
        new JdbcTaskRepository(
            db.dataSource(),
            false,
            dialect,
            StepExecutions.TABLE,
            new TaskResolver(SchedulerListeners.NOOP, clock::instant, List.of(task)),
            new SchedulerName.Fixed(name),
            false,
            clock::instant);
    Instant now = clock.instant();
    for (Execution due : repository.getDue(now, DIRECT_CANDIDATES)) {
      Optional<Execution> picked = repository.pick(due, now);
      if (picked.isEmpty()) {
        continue;
      }
      ExecutionOperations<Void> operations =
          new ExecutionOperations<>(repository, SchedulerListeners.NOOP, picked.get());
      try {
        outcome(handler, due.taskInstance.getId())
            .complete(ExecutionComplete.success(picked.get(), now, clock.instant()), operations);
      } catch (RuntimeException e) {
        task.getFailureHandler()
            .onFailure(
                ExecutionComplete.failure(picked.get(), now, clock.instant(), e), operations);
      }
      return true;
    }
    return false;
  }

  /** Steps may be due now (a submit, a resume): the poller looks at once instead of at its next. */
  public void wake() {
    Scheduler running = scheduler;
    if (running != null) {
      running.triggerCheckForDueExecutions();
    }
  }

  /**
   * Moves a chunk's step to {@code at} if it waits for a later time and nobody runs it (a job found
   * done tells its siblings when theirs should be).
   *
   * @return whether it moved
   */
  public boolean moveSooner(String exportId, int seq, Instant at) {
    boolean moved;
    try {
      moved = db.withConnection(c -> StepExecutions.moveSooner(c, exportId, seq, at));
    } catch (SQLException e) {
      throw new StoreException(
          "store: cannot reschedule chunk " + seq + " of export " + exportId + ": " + e, e);
    }
    if (moved) {
      wakeAt(at);
    }
    return moved;
  }

  /**
   * Frees the executions held by processes on this host that no longer run (killed, crashed), so
   * their steps run now rather than once db-scheduler finds them dead.
   *
   * @return how many were freed
   */
  public int takeOverDeadLocal() {
    try {
      return db.inTransaction(
          c -> {
            int freed = 0;
            for (String picker : StepExecutions.pickers(c, ProcessName.hostPrefix())) {
              if (ProcessName.isDeadLocal(picker)) {
                int n = StepExecutions.release(c, picker);
                log.info("took over {} steps of {}, which no longer runs", n, picker);
                freed += n;
              }
            }
            return freed;
          });
    } catch (SQLException e) {
      throw new StoreException("store: cannot take over the steps of dead processes: " + e, e);
    }
  }

  /** Stops after the running steps end; the steps stay scheduled in the store. */
  @Override
  public synchronized void close() {
    if (timer != null) {
      timer.shutdownNow();
    }
    if (scheduler != null) {
      scheduler.stop();
    }
  }

  private CustomTask<Void> task(StepHandler handler) {
    return Tasks.custom(StepExecutions.TASK, Void.class)
        .onFailure(new FailureHandler.OnFailureRetryLater<>(RETRY_AFTER_ERROR))
        .execute((instance, context) -> outcome(handler, instance.getId()));
  }

  /** Runs the step, then reschedules its execution to the next step's time or removes it. */
  private CompletionHandler<Void> outcome(StepHandler handler, String instance) {
    int slash = instance.lastIndexOf('/');
    Optional<Instant> next =
        handler.step(instance.substring(0, slash), Integer.parseInt(instance.substring(slash + 1)));
    if (next.isEmpty()) {
      return new CompletionHandler.OnCompleteRemove<>();
    }
    // To the millisecond, as every time in the store: a time read back is then the time due.
    Instant at = EpochMillis.truncate(next.get());
    return (complete, operations) -> {
      operations.reschedule(complete, at);
      wakeAt(at);
    };
  }

  /**
   * Wakes the poller when {@code at} comes: db-scheduler would start a step due later only at its
   * next poll, up to a polling interval late.
   */
  private void wakeAt(Instant at) {
    Scheduler running = scheduler;
    ScheduledExecutorService wakes = timer;
    if (running == null || wakes == null) {
      return;
    }
    Duration wait = Duration.between(clock.instant(), at);
    if (wait.isNegative() || wait.isZero()) {
      running.triggerCheckForDueExecutions();
      return;
    }
    try {
      wakes.schedule(
          running::triggerCheckForDueExecutions,
          wait.plus(WAKE_MARGIN).toNanos(),
          TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      // Closing: nothing to wake.
    }
  }
}
