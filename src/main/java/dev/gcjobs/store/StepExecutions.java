package dev.gcjobs.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The store's own writes to db-scheduler's table: the executions of the chunks it plans, cancels,
 * parks and resumes, in the same transaction as the chunk rows, so a chunk and its schedule never
 * disagree after a crash. Only executions nobody has picked are changed: a picked one belongs to
 * the scheduler running its step, which reschedules or removes it when the step ends.
 */
final class StepExecutions {
  /** db-scheduler's table, named for gcjobs (V6 migration). */
  static final String TABLE = "gcjobs_scheduled_tasks";

  /** The one task every chunk step is an execution of. */
  static final String TASK = "gcjobs-chunk-step";

  /** The instance id of a chunk's execution, as SQL over {@code chunks c}. */
  static final String INSTANCE_OF_CHUNK = "c.export_id || '/' || CAST(c.seq AS VARCHAR(11))";

  private StepExecutions() {}

  /** The instance id of chunk {@code seq} of {@code exportId}. */
  static String instance(String exportId, int seq) {
    return exportId + "/" + seq;
  }

  /** Schedules the step of each unfinished chunk in {@code chunks} at its {@code nextRunAt}. */
  static void insertAll(Connection c, List<ChunkRow> chunks) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO "
                + TABLE
                + " (task_name, task_instance, execution_time, picked, version)"
                + " VALUES (?, ?, ?, FALSE, 1)")) {
      int rows = 0;
      for (ChunkRow chunk : chunks) {
        if (chunk.state().isTerminal() || chunk.schedule().nextRunAt() == null) {
          continue;
        }
        ps.setString(1, TASK);
        ps.setString(2, instance(chunk.exportId(), chunk.seq()));
        ps.setTimestamp(3, Timestamp.from(chunk.schedule().nextRunAt()));
        ps.addBatch();
        rows++;
      }
      if (rows > 0) {
        ps.executeBatch();
      }
    }
  }

  /** Drops the waiting (not picked) executions of the export: it stopped, or is planned again. */
  static void deleteWaiting(Connection c, String exportId) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "DELETE FROM "
                + TABLE
                + " WHERE task_name = ? AND task_instance LIKE ? AND picked = FALSE")) {
      ps.setString(1, TASK);
      ps.setString(2, exportId + "/%");
      ps.executeUpdate();
    }
  }

  /** Moves the waiting executions of the export to {@code at}. A picked one is left to its step. */
  static void moveWaiting(Connection c, String exportId, Instant at) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE "
                + TABLE
                + " SET execution_time = ?, version = version + 1"
                + " WHERE task_name = ? AND task_instance LIKE ? AND picked = FALSE")) {
      ps.setTimestamp(1, Timestamp.from(EpochMillis.truncate(at)));
      ps.setString(2, TASK);
      ps.setString(3, exportId + "/%");
      ps.executeUpdate();
    }
  }

  /** Gives every unfinished chunk of the export that has no execution one due at {@code at}. */
  static void insertMissing(Connection c, String exportId, Instant at) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO "
                + TABLE
                + " (task_name, task_instance, execution_time, picked, version)"
                + " SELECT ?, "
                + INSTANCE_OF_CHUNK
                + ", ?, FALSE, 1 FROM chunks c WHERE c.export_id = ? AND c.state IN "
                + ChunkRepository.ACTIVE_STATES
                + " AND NOT EXISTS (SELECT 1 FROM "
                + TABLE
                + " s WHERE s.task_name = ? AND s.task_instance = "
                + INSTANCE_OF_CHUNK
                + ")")) {
      ps.setString(1, TASK);
      ps.setTimestamp(2, Timestamp.from(EpochMillis.truncate(at)));
      ps.setString(3, exportId);
      ps.setString(4, TASK);
      ps.executeUpdate();
    }
  }

  /**
   * Moves a waiting execution to {@code at} if it was due later.
   *
   * @return whether it moved (false: it runs now, or was due sooner, or is gone)
   */
  static boolean moveSooner(Connection c, String exportId, int seq, Instant at)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE "
                + TABLE
                + " SET execution_time = ?, version = version + 1"
                + " WHERE task_name = ? AND task_instance = ? AND picked = FALSE"
                + " AND execution_time > ?")) {
      Timestamp when = Timestamp.from(EpochMillis.truncate(at));
      ps.setTimestamp(1, when);
      ps.setString(2, TASK);
      ps.setString(3, instance(exportId, seq));
      ps.setTimestamp(4, when);
      return ps.executeUpdate() == 1;
    }
  }

  /** The scheduler names holding picked executions whose name starts with {@code prefix}. */
  static List<String> pickers(Connection c, String prefix) throws SQLException {
    List<String> names = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT DISTINCT picked_by FROM "
                + TABLE
                + " WHERE task_name = ? AND picked = TRUE AND picked_by LIKE ?")) {
      ps.setString(1, TASK);
      ps.setString(2, prefix + "%");
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          names.add(rs.getString(1));
        }
      }
    }
    return names;
  }

  /**
   * Frees the executions picked by {@code schedulerName}, keeping their times (due, so they run at
   * the next look).
   *
   * @return how many
   */
  static int release(Connection c, String schedulerName) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE "
                + TABLE
                + " SET picked = FALSE, picked_by = NULL, last_heartbeat = NULL,"
                + " version = version + 1 WHERE task_name = ? AND picked = TRUE AND picked_by = ?")) {
      ps.setString(1, TASK);
      ps.setString(2, schedulerName);
      return ps.executeUpdate();
    }
  }
}
