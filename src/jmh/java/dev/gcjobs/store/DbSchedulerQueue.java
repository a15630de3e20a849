package dev.gcjobs.store;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerBuilder;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.jdbc.DefaultJdbcCustomization;
import com.github.kagkarlsson.scheduler.jdbc.Queries;
import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.ExecutionContext;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * db-scheduler 16.7.1 driving the same steps: one execution per chunk (task instance {@code
 * exportId/seq}), its execution time the time of the chunk's next step. A step reads the chunk and
 * its export, runs, saves the chunk's checkpoint, and returns a {@link CompletionHandler} that
 * reschedules the execution to its next time, or removes it when the chunk is done. The scheduler
 * shares the store's connection pool, as a product component keeping its table in the same database
 * would ({@link Database#dataSource()}).
 */
final class DbSchedulerQueue implements StepQueue {
  static final String TASK = "gcjobs-chunk-step";

  private final Database db;
  private final int threads;
  private final Settings settings;
  private final boolean h2;
  private Scheduler scheduler;
  private SchedulerClient otherProcess;
  private ScheduledExecutorService timer;

  DbSchedulerQueue(Database db, int threads, Settings settings, boolean h2) {
    this.db = db;
    this.threads = threads;
    this.settings = settings;
    this.h2 = h2;
  }

  /**
   * How the scheduler is built.
   *
   * @param pollingInterval how often it looks for due executions (library default 10 s)
   * @param immediate {@code enableImmediateExecution()}: a local schedule or reschedule to now
   *     wakes the polling thread
   * @param lockAndFetch {@code pollUsingLockAndFetch(0.5, 1.0)} (one UPDATE ... RETURNING on
   *     PostgreSQL; on H2 through a bench-only customization, as the library offers none), else the
   *     default fetch-and-lock-on-execute
   * @param heartbeat heartbeat interval (library default 5 min)
   * @param missedHeartbeats heartbeats missed before an execution is dead (default 6, minimum 4)
   * @param wakeAtDue the product's own addition: a step that reschedules its chunk later also sets
   *     a local timer that calls {@code Scheduler.triggerCheckForDueExecutions()} when it is due,
   *     as the engine's idle workers sleep until the next due chunk
   */
  record Settings(
      String name,
      Duration pollingInterval,
      boolean immediate,
      boolean lockAndFetch,
      Duration heartbeat,
      int missedHeartbeats,
      boolean wakeAtDue) {

    String describe() {
      return String.format(
          java.util.Locale.ROOT,
          "poll %s, %s, %s, heartbeat %s x %d%s",
          human(pollingInterval),
          immediate ? "immediate" : "no immediate",
          lockAndFetch ? "lock-and-fetch" : "fetch",
          human(heartbeat),
          missedHeartbeats,
          wakeAtDue ? ", local timer wakes the poller at the next due time" : "");
    }

    private static String human(Duration d) {
      return d.toMillis() % 60_000 == 0
          ? d.toMinutes() + " min"
          : d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }
  }

  @Override
  public void start(StepHook hook) {
    CustomTask<Void> task =
        Tasks.custom(TASK, Void.class)
            .execute((instance, context) -> step(instance, context, hook));
    SchedulerBuilder builder =
        Scheduler.create(db.dataSource(), task)
            .threads(threads)
            .schedulerName(new SchedulerName.Fixed("bench-" + ProcessHandle.current().pid()))
            .pollingInterval(settings.pollingInterval())
            .heartbeatInterval(settings.heartbeat())
            .missedHeartbeatsLimit(settings.missedHeartbeats())
            .shutdownMaxWait(Duration.ofSeconds(10));
    if (settings.immediate()) {
      builder.enableImmediateExecution();
    }
    if (settings.lockAndFetch()) {
      builder.pollUsingLockAndFetch(0.5, 1.0);
      if (h2) {
        builder.jdbcCustomization(new H2LockAndFetch());
      }
    }
    scheduler = builder.build();
    if (settings.wakeAtDue()) {
      timer = Executors.newSingleThreadScheduledExecutor();
    }
    scheduler.start();
    otherProcess = SchedulerClient.Builder.create(db.dataSource(), task).build();
  }

  private CompletionHandler<Void> step(
      TaskInstance<Void> instance, ExecutionContext context, StepHook hook) {
    String id = instance.getId();
    int slash = id.lastIndexOf('/');
    String exportId = id.substring(0, slash);
    int seq = Integer.parseInt(id.substring(slash + 1));
    ChunkRow chunk = db.chunks().find(exportId, seq).orElseThrow();
    db.exports().findById(exportId).orElseThrow();
    Next next =
        hook.onStep(exportId, seq, context.getExecution().getExecutionTime(), Instant.now());
    Instant at = Instant.now();
    if (next.done()) {
      db.chunks().save(chunk.after(ChunkLifecycle.Event.LAST_PAGE_READ), at);
      return new CompletionHandler.OnCompleteRemove<>();
    }
    db.chunks().save(StepQueue.pageRead(chunk), at);
    Instant nextAt = at.plus(next.delay());
    return (complete, operations) -> {
      operations.reschedule(complete, nextAt);
      if (timer != null && !next.delay().isZero()) {
        long wait = Duration.between(Instant.now(), nextAt).toNanos();
        timer.schedule(scheduler::triggerCheckForDueExecutions, wait, TimeUnit.NANOSECONDS);
      }
    };
  }

  @Override
  public void submit(String exportId, int chunks, Instant dueAt, boolean local) {
    Instant now = Instant.now();
    db.exports()
        .insert(
            StepQueue.runningExport(exportId, now),
            StepQueue.plannedChunks(exportId, chunks, dueAt, now));
    List<TaskInstance<?>> executions = new ArrayList<>();
    for (int seq = 0; seq < chunks; seq++) {
      executions.add(new TaskInstance<Void>(TASK, StepQueue.instanceId(exportId, seq)));
    }
    (local ? scheduler : otherProcess).scheduleBatch(executions, dueAt);
  }

  @Override
  public void close() {
    if (timer != null) {
      timer.shutdownNow();
    }
    if (scheduler != null) {
      scheduler.stop();
    }
  }

  /**
   * Lock-and-fetch on H2, which db-scheduler's autodetection treats as a generic database
   * (fetch-and-lock-on-execute only): {@code SELECT ... FOR UPDATE SKIP LOCKED} in a transaction,
   * then one UPDATE batch, the library's generic path.
   */
  private static final class H2LockAndFetch extends DefaultJdbcCustomization {
    H2LockAndFetch() {
      super(false);
    }

    @Override
    public String getName() {
      return "H2 (bench: generic lock-and-fetch)";
    }

    @Override
    public boolean supportsGenericLockAndFetch() {
      return true;
    }

    @Override
    public String createGenericSelectForUpdateQuery(
        String tableName, int limit, String requiredAndCondition, boolean orderByPriority) {
      return Queries.selectForUpdate(
          tableName,
          Queries.ansiSqlOrderPart(orderByPriority),
          getQueryLimitPart(limit),
          requiredAndCondition,
          null,
          null,
          " FOR UPDATE SKIP LOCKED");
    }
  }
}
