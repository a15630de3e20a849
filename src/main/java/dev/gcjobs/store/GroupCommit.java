package dev.gcjobs.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;

/**
 * Writes the items of many concurrent callers together: whoever holds the lock writes every item
 * queued meanwhile in one batch of statements and one commit. Each caller still returns only after
 * its own item is committed. When the batch fails (one item is a duplicate, say), it is rolled back
 * and its items are written again one transaction each, so every caller gets its own outcome.
 *
 * <p>Why: H2 commits one at a time, serializing every page a commit changed into the file; a
 * profile of 1,000 new exports a second showed the request threads waiting in commit. Shared, the
 * cost of a commit is paid once per group (docs/benchmarks.md, "HTTP service latency"). There is no
 * thread to manage: a caller whose item the previous leader wrote just returns.
 *
 * @param <T> what one caller writes
 */
final class GroupCommit<T> {
  /** Writes items on a connection in a transaction the caller commits. */
  @FunctionalInterface
  interface BatchWork<T> {
    void write(Connection connection, List<T> items) throws SQLException;
  }

  private final DataSource dataSource;
  private final BatchWork<T> work;
  private final ReentrantLock leader = new ReentrantLock();
  private final ConcurrentLinkedQueue<Pending<T>> queue = new ConcurrentLinkedQueue<>();

  GroupCommit(DataSource dataSource, BatchWork<T> work) {
    this.dataSource = dataSource;
    this.work = work;
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
    leader.lock();
    try {
      if (!mine.done) {
        writeBatch(drain());
      }
    } finally {
      leader.unlock();
    }
    mine.rethrow();
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

  /** One caller's item; its fields are written by the leader before it unlocks. */
  private static final class Pending<T> {
    final T item;
    boolean done;
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
