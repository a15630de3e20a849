package dev.gcjobs.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;

/**
 * Commits the small write transactions of many concurrent callers together: whoever holds the lock
 * runs every transaction queued meanwhile on one connection and commits once. Each caller still
 * returns only after its own work is committed, and a caller whose work fails is rolled back alone
 * (a savepoint each), so batching changes neither durability nor errors.
 *
 * <p>Why: a commit is the expensive part of a small write. H2 writes its changed pages to the file
 * and PostgreSQL flushes its log at every commit, and commits run one at a time; new exports
 * arriving 1,000 a second queued behind each other's commits for seconds (docs/benchmarks.md, "HTTP
 * service latency"). With a batch per commit the cost of a commit is shared by everyone waiting.
 * There is no thread to manage: a caller that finds its work already done by the previous leader
 * just returns.
 */
final class GroupCommit {
  private final DataSource dataSource;
  private final ReentrantLock leader = new ReentrantLock();
  private final ConcurrentLinkedQueue<Pending> queue = new ConcurrentLinkedQueue<>();

  GroupCommit(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * Runs {@code work} in a transaction, possibly shared with other callers' work, and returns once
   * it is committed.
   *
   * @throws SQLException what {@code work} threw (its changes rolled back, others' kept), or the
   *     failure of the commit itself (nothing of the batch stored)
   */
  void run(Database.SqlWork<?> work) throws SQLException {
    Pending mine = new Pending(work);
    queue.add(mine);
    leader.lock();
    try {
      if (!mine.done) {
        commit(drain());
      }
    } finally {
      leader.unlock();
    }
    mine.rethrow();
  }

  private List<Pending> drain() {
    List<Pending> batch = new ArrayList<>();
    for (Pending p = queue.poll(); p != null; p = queue.poll()) {
      batch.add(p);
    }
    return batch;
  }

  private void commit(List<Pending> batch) {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        for (Pending p : batch) {
          runAlone(c, p, batch.size() > 1);
        }
        c.commit();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        failUnfailed(batch, e);
      } finally {
        c.setAutoCommit(true);
      }
    } catch (SQLException | RuntimeException e) {
      failUnfailed(batch, e);
    }
    for (Pending p : batch) {
      p.done = true;
    }
  }

  /** Runs one caller's work; in a shared batch, its failure undoes its own changes only. */
  private static void runAlone(Connection c, Pending p, boolean shared) throws SQLException {
    Savepoint savepoint = shared ? c.setSavepoint() : null;
    try {
      p.work.run(c);
    } catch (SQLException | RuntimeException e) {
      if (savepoint == null) {
        throw e;
      }
      c.rollback(savepoint);
      p.failure = e;
    }
  }

  private static void failUnfailed(List<Pending> batch, Exception e) {
    for (Pending p : batch) {
      if (p.failure == null) {
        p.failure = e;
      }
    }
  }

  /** One caller's work; its fields are written by the leader before it unlocks. */
  private static final class Pending {
    final Database.SqlWork<?> work;
    boolean done;
    Exception failure;

    Pending(Database.SqlWork<?> work) {
      this.work = work;
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
