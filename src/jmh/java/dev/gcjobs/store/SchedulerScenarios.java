package dev.gcjobs.store;

import dev.gcjobs.store.StepQueue.Next;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The four measurements of {@link SchedulerBench}, each on a fresh queue (workers or scheduler
 * started, then idle for a random part of its polling period, as a running service is when work
 * arrives) and empty tables.
 */
final class SchedulerScenarios {
  /** How a queue is opened for one scenario; {@code exportId} is the CLI's own export. */
  interface QueueFactory {
    StepQueue open(BenchStore store, String exportId);
  }

  private final BenchStore store;

  SchedulerScenarios(BenchStore store) {
    this.store = store;
  }

  /**
   * Time to first step: {@code submits} times, a new export of {@code chunks} chunks due now, each
   * after a random part of {@code phase}; from the start of the submit to the start of each chunk's
   * first step, in ms (one value per chunk).
   *
   * @param local submitted by the process that runs the steps, or by another one
   * @param phase how long the queue may sleep between looks (own: 1 s; db-scheduler: its polling
   *     interval): each submit comes after a random part of it, so that it meets the queue at a
   *     random point of its cycle
   */
  List<Double> firstStep(
      QueueFactory factory, int submits, int chunks, boolean local, Duration phase)
      throws SQLException, InterruptedException {
    List<Double> latencies = new ArrayList<>();
    Map<String, Map<Integer, Long>> first = new ConcurrentHashMap<>();
    Map<String, CountDownLatch> done = new ConcurrentHashMap<>();
    try (StepQueue queue = factory.open(store, null)) {
      queue.start(
          (exportId, seq, scheduledAt, startedAt) -> {
            if (first.get(exportId).putIfAbsent(seq, System.nanoTime()) == null) {
              done.get(exportId).countDown();
            }
            return Next.DONE;
          });
      for (int i = 0; i < submits; i++) {
        String exportId = UUID.randomUUID().toString();
        first.put(exportId, new ConcurrentHashMap<>());
        done.put(exportId, new CountDownLatch(chunks));
        pause(phase);
        long t0 = System.nanoTime();
        queue.submit(exportId, chunks, Instant.now(), local);
        if (!done.get(exportId).await(phase.toMillis() * 3 + 30_000, TimeUnit.MILLISECONDS)) {
          throw new IllegalStateException(
              "only " + first.get(exportId).size() + " of " + chunks + " chunks ran a first step");
        }
        for (long at : first.get(exportId).values()) {
          latencies.add((at - t0) / 1e6);
        }
      }
    } finally {
      store.clear();
    }
    return latencies;
  }

  /** Steps a second and SQL statements a step, of {@code chunks} chunks each due again at once. */
  record Throughput(double stepsPerSecond, double statementsPerStep) {}

  /**
   * Chained immediate steps: every step makes its chunk due again now (the next result page), for
   * {@code window} after a warm-up of {@code warmUp}.
   */
  Throughput chained(QueueFactory factory, int chunks, Duration warmUp, Duration window)
      throws SQLException, InterruptedException {
    String exportId = UUID.randomUUID().toString();
    AtomicLong steps = new AtomicLong();
    try (StepQueue queue = factory.open(store, exportId)) {
      queue.start(
          (e, seq, scheduledAt, startedAt) -> {
            steps.incrementAndGet();
            return Next.NOW;
          });
      queue.submit(exportId, chunks, Instant.now(), true);
      Thread.sleep(warmUp.toMillis());
      long steps0 = steps.get();
      long statements0 = StatementCounter.count();
      long t0 = System.nanoTime();
      Thread.sleep(window.toMillis());
      long ran = steps.get() - steps0;
      long statements = StatementCounter.count() - statements0;
      double seconds = (System.nanoTime() - t0) / 1e9;
      return new Throughput(ran / seconds, ran == 0 ? Double.NaN : (double) statements / ran);
    } finally {
      store.clear();
    }
  }

  /**
   * Delayed-step precision: {@code chunks} chunks whose every step makes them due again {@code
   * delay} plus a random part of {@code phase} later (a job status check); how late each such step
   * starts, in ms, until {@code samples} steps or {@code limit}. The random part puts the due times
   * at random points of the queue's polling cycle, as status checks are, whose times follow an HTTP
   * call and a jittered schedule: with the same delay every time, the steps lock in phase with the
   * polls, and the lateness measured is that of the lock.
   */
  List<Double> delayed(
      QueueFactory factory, int chunks, Duration delay, Duration phase, int samples, Duration limit)
      throws SQLException, InterruptedException {
    String exportId = UUID.randomUUID().toString();
    Map<Integer, Boolean> started = new ConcurrentHashMap<>();
    List<Double> lateness = Collections.synchronizedList(new ArrayList<>());
    CountDownLatch enough = new CountDownLatch(samples);
    try (StepQueue queue = factory.open(store, exportId)) {
      queue.start(
          (e, seq, scheduledAt, startedAt) -> {
            // A chunk's first step was due at the submit: only the delayed ones count.
            if (started.putIfAbsent(seq, true) != null) {
              lateness.add(Duration.between(scheduledAt, startedAt).toNanos() / 1e6);
              enough.countDown();
            }
            long spread = ThreadLocalRandom.current().nextLong(Math.max(1, phase.toMillis()));
            return Next.after(delay.plusMillis(spread));
          });
      queue.submit(exportId, chunks, Instant.now(), true);
      enough.await(limit.toMillis(), TimeUnit.MILLISECONDS);
    } finally {
      store.clear();
    }
    synchronized (lateness) {
      return new ArrayList<>(lateness);
    }
  }

  /**
   * The cost of waiting: SQL statements a second while the only export's {@code chunks} chunks are
   * due in an hour (a long job), over {@code window} after the queue settled.
   */
  double idle(QueueFactory factory, int chunks, Duration window)
      throws SQLException, InterruptedException {
    String exportId = UUID.randomUUID().toString();
    try (StepQueue queue = factory.open(store, exportId)) {
      queue.start(
          (e, seq, scheduledAt, startedAt) -> {
            throw new IllegalStateException("nothing is due while idle");
          });
      queue.submit(exportId, chunks, Instant.now().plus(Duration.ofHours(1)), true);
      Thread.sleep(2_000);
      long statements0 = StatementCounter.count();
      long t0 = System.nanoTime();
      Thread.sleep(window.toMillis());
      return (StatementCounter.count() - statements0) / ((System.nanoTime() - t0) / 1e9);
    } finally {
      store.clear();
    }
  }

  private static void pause(Duration phase) throws InterruptedException {
    Thread.sleep(300 + ThreadLocalRandom.current().nextLong(Math.max(1, phase.toMillis())));
  }
}
