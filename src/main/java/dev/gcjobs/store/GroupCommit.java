package dev.gcjobs.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;

/**
 * Writes the items of many concurrent callers together: whoever holds the lock writes every item
 * queued meanwhile in one batch of statements and one commit, at most one batch per spacing. Each
 * caller still returns only after its own item is committed. When the batch fails (one item is a
 * duplicate, say), it is rolled back and its items are written again one transaction each, so every
 * caller gets its own outcome.
 *
 * <p>Why: an H2 commit serializes every page it changed into the file, at a fixed cost whatever it
 * holds; one commit per new export took much of a core at a high submit rate (docs/benchmarks.md,
 * "HTTP service latency"). There is no thread to manage: callers wait parked, and the leader wakes
 * each one whose item it wrote, then one that still waits, to lead the next batch. (Waiting on the
 * lock instead made written callers queue behind the next leader's whole turn.)
 *
 * @param <T> what one caller writes
 */
final class GroupCommit<T> {
  /** Writes items on a connection in a transaction the caller commits. */
  @FunctionalInterface
  interface BatchWork<T> {
    void write(Connection connection, List<T> items) throws SQLException;
  }

  /** The longest a waiting caller sleeps before it looks at its item again. */
  private static final long MAX_PARK_NANOS = Duration.ofMillis(50).toNanos();

  private final DataSource dataSource;
  private final BatchWork<T> work;
  private final long spacingNanos;
  private final ReentrantLock leader = new ReentrantLock();
  private final ConcurrentLinkedQueue<Pending<T>> queue = new ConcurrentLinkedQueue<>();

  /** When the next batch may start; written and read under {@link #leader}. */
  private long nextBatchAt = System.nanoTime();

  /**
   * @param spacing the least time between the starts of two batches: a write after a quiet spell
   *     goes at once, and under steady load the callers of each interval share one commit
   */
  GroupCommit(DataSource dataSource, BatchWork<T> work, Duration spacing) {
    this.dataSource = dataSource;
    this.work = work;
    this.spacingNanos = spacing.toNanos();
  }

  /**
   * Writes {@code item}, possibly in one transaction with other callers' items, and returns once it
   * is committed.
   *
   * @throws SQLException why {@code item} could not be written (nothing of it is stored)
   */
  void write(T item) throws SQLException {
    Pending<T> mine = new Pending<>(item);
    queue.add(mine);
    while (!mine.done) {
      if (leader.tryLock()) {
        try {
          if (!mine.done) {
            awaitTurn();
            writeBatch(drain());
          }
        } finally {
          leader.unlock();
        }
        // Whoever queued while this batch was written is parked: wake one to lead the next.
        Pending<T> next = queue.peek();
        if (next != null) {
          LockSupport.unpark(next.caller);
        }
      } else {
        // The leader unparks this caller when its item is written, or when it may lead; waking
        // now and then as well costs little and guards against a missed wake-up.
        LockSupport.parkNanos(this, MAX_PARK_NANOS);
      }
    }
    mine.rethrow();
  }

  private void awaitTurn() {
    for (long wait = nextBatchAt - System.nanoTime(); wait > 0; ) {
      LockSupport.parkNanos(wait);
      wait = nextBatchAt - System.nanoTime();
    }
    nextBatchAt = System.nanoTime() + spacingNanos;
  }

  private List<Pending<T>> drain() {
    List<Pending<T>> batch = new ArrayList<>();
    for (Pending<T> p = queue.poll(); p != null; p = queue.poll()) {
      batch.add(p);
    }
    return batch;
  }

  private void writeBatch(List<Pending<T>> batch) {
    try (Connection c = dataSource.getConnection()) {
      Exception failure = transaction(c, batch);
      if (failure != null && batch.size() > 1) {
        // Find out whose item failed: one transaction each.
        for (Pending<T> p : batch) {
          p.failure = transaction(c, List.of(p));
        }
      } else {
        for (Pending<T> p : batch) {
          p.failure = failure;
        }
      }
    } catch (SQLException | RuntimeException e) {
      for (Pending<T> p : batch) {
        p.failure = e;
      }
    }
    for (Pending<T> p : batch) {
      p.done = true;
      LockSupport.unpark(p.caller);
    }
  }

  /** Writes and commits {@code batch}; returns why it was rolled back, or null. */
  private Exception transaction(Connection c, List<Pending<T>> batch) throws SQLException {
    c.setAutoCommit(false);
    try {
      work.write(c, batch.stream().map(p -> p.item).toList());
      c.commit();
      return null;
    } catch (SQLException | RuntimeException e) {
      c.rollback();
      return e;
    } finally {
      c.setAutoCommit(true);
    }
  }

  /** One caller's item; the leader writes its failure before it sets done. */
  private static final class Pending<T> {
    final T item;
    final Thread caller = Thread.currentThread();
    volatile boolean done;
    Exception failure;

    Pending(T item) {
      this.item = item;
    }

    void rethrow() throws SQLException {
      if (failure instanceof SQLException e) {
        throw e;
      }
      if (failure instanceof RuntimeException e) {
        throw e;
      }
    }
  }
}
