package dev.gcjobs.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The chunks table. A chunk's next step is an execution of db-scheduler ({@link ChunkSteps}), kept
 * in step with the rows here: planning, cancelling, parking and resuming write both in one
 * transaction, and reads return each chunk with its execution's time and holder. Every write checks
 * the row's version, so a step whose chunk was cancelled, restarted or taken over meanwhile gets a
 * {@link ChunkConflictException} instead of overwriting the other party's progress. Thread-safe;
 * get it from {@link Database#chunks()}.
 */
public final class ChunkRepository {
  /** H2: another transaction changed the row concurrently. */
  private static final int H2_CONCURRENT_UPDATE = 90131;

  static final String ACTIVE_STATES = sqlList(ChunkState.ACTIVE);

  private static final String COLUMNS =
      "export_id, seq, interval_start, interval_end, state, job_id, job_submitted_at,"
          + " poll_attempts, cursor, pages, records, part_bytes, resubmits,"
          + " error_message, results_refusals, data_availability, version, updated_at";

  /** Each chunk with its execution: when its step is due, and who runs it now. */
  private static final String SELECT =
      "SELECT c."
          + COLUMNS.replace(", ", ", c.")
          + ", s.execution_time, s.picked, s.picked_by, s.last_heartbeat FROM chunks c"
          + " LEFT JOIN "
          + StepExecutions.TABLE
          + " s ON s.task_name = '"
          + StepExecutions.TASK
          + "' AND s.task_instance = "
          + StepExecutions.INSTANCE_OF_CHUNK;

  private final Database db;

  ChunkRepository(Database db) {
    this.db = db;
  }

  void insertAll(Connection c, List<ChunkRow> chunks) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO chunks (" + COLUMNS + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
      for (ChunkRow chunk : chunks) {
        ps.setString(1, chunk.exportId());
        ps.setInt(2, chunk.seq());
        EpochMillis.set(ps, 3, chunk.intervalStart());
        EpochMillis.set(ps, 4, chunk.intervalEnd());
        setMutableColumns(ps, 5, chunk);
        ps.setLong(17, chunk.version());
        EpochMillis.set(ps, 18, chunk.updatedAt());
        ps.addBatch();
      }
      ps.executeBatch();
    }
    StepExecutions.insertAll(c, chunks);
  }

  /**
   * Replaces every chunk of the export with {@code planned}, in one transaction: a done export
   * whose output is gone runs again from a new plan, since nothing leaves DONE ({@link
   * ChunkLifecycle}). A worker still holding an old chunk loses its next save.
   */
  public void replan(String exportId, List<ChunkRow> planned) {
    try {
      db.inTransaction(
          c -> {
            try (PreparedStatement ps =
                c.prepareStatement("DELETE FROM chunks WHERE export_id = ?")) {
              ps.setString(1, exportId);
              ps.executeUpdate();
            }
            StepExecutions.deleteWaiting(c, exportId);
            insertAll(c, planned);
            return null;
          });
    } catch (SQLException e) {
      throw failed("plan export " + exportId + " again", e);
    }
  }

  /** The export's chunks, ordered by seq. */
  public List<ChunkRow> findByExport(String exportId) {
    try {
      return db.withConnection(
          c -> {
            try (PreparedStatement ps =
                c.prepareStatement(SELECT + " WHERE c.export_id = ? ORDER BY c.seq")) {
              ps.setString(1, exportId);
              return readAll(ps);
            }
          });
    } catch (SQLException e) {
      throw failed("read the chunks of export " + exportId, e);
    }
  }

  /** One chunk. */
  public Optional<ChunkRow> find(String exportId, int seq) {
    try {
      return db.withConnection(
          c -> {
            try (PreparedStatement ps =
                c.prepareStatement(SELECT + " WHERE c.export_id = ? AND c.seq = ?")) {
              ps.setString(1, exportId);
              ps.setInt(2, seq);
              return readAll(ps).stream().findFirst();
            }
          });
    } catch (SQLException e) {
      throw failed("read chunk " + seq + " of export " + exportId, e);
    }
  }

  /**
   * Stores the engine's changes to a chunk (state, job, checkpoint, error) if nobody else wrote it
   * since it was read.
   *
   * @return the stored chunk, with its new version
   * @throws ChunkConflictException when the stored version differs: the export was cancelled or run
   *     again, or another process runs the chunk now; stop working on it
   */
  public ChunkRow save(ChunkRow chunk, Instant now) {
    Instant at = EpochMillis.truncate(now);
    int updated;
    try {
      updated =
          db.withConnection(
              c -> {
                try (PreparedStatement ps =
                    c.prepareStatement(
                        "UPDATE chunks SET state = ?, job_id = ?, job_submitted_at = ?,"
                            + " poll_attempts = ?, cursor = ?, pages = ?, records = ?,"
                            + " part_bytes = ?, resubmits = ?, error_message = ?,"
                            + " results_refusals = ?, data_availability = ?,"
                            + " version = version + 1, updated_at = ?"
                            + " WHERE export_id = ? AND seq = ? AND version = ?")) {
                  setMutableColumns(ps, 1, chunk);
                  EpochMillis.set(ps, 13, at);
                  ps.setString(14, chunk.exportId());
                  ps.setInt(15, chunk.seq());
                  ps.setLong(16, chunk.version());
                  return ps.executeUpdate();
                }
              });
    } catch (SQLException e) {
      if (isConcurrentUpdate(e)) {
        throw new ChunkConflictException(chunk.exportId(), chunk.seq(), chunk.version());
      }
      throw failed("save chunk " + chunk.seq() + " of export " + chunk.exportId(), e);
    }
    if (updated != 1) {
      throw new ChunkConflictException(chunk.exportId(), chunk.seq(), chunk.version());
    }
    return chunk.stored(chunk.version() + 1, at);
  }

  /**
   * When the export's next step is due: the earliest execution time of its chunks (a step running
   * now counts at the time it was due).
   *
   * @return empty when no step is scheduled
   */
  public Optional<Instant> nextDueAt(String exportId) {
    try {
      return db.withConnection(
          c -> {
            try (PreparedStatement ps =
                c.prepareStatement(
                    "SELECT MIN(execution_time) AS due FROM "
                        + StepExecutions.TABLE
                        + " WHERE task_name = ? AND task_instance LIKE ?")) {
              ps.setString(1, StepExecutions.TASK);
              ps.setString(2, exportId + "/%");
              try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                Timestamp due = rs.getTimestamp("due");
                return Optional.ofNullable(
                    due == null ? null : EpochMillis.truncate(due.toInstant()));
              }
            }
          });
    } catch (SQLException e) {
      throw failed("find the next step of export " + exportId, e);
    }
  }

  /**
   * Takes the steps of a failed export's unfinished chunks off the schedule, keeping their jobs and
   * cursors for a run again ({@link #dueNow}). A step still running on one of them ends with the
   * export and removes its own execution.
   */
  public void parkUnfinished(String exportId) {
    try {
      db.inTransaction(
          c -> {
            StepExecutions.deleteWaiting(c, exportId);
            return null;
          });
    } catch (SQLException e) {
      throw failed("park the chunks of export " + exportId, e);
    }
  }

  /**
   * Makes the step of every unfinished chunk of the export due at {@code now}: an export that runs
   * again. A step running now keeps its own schedule.
   */
  public void dueNow(String exportId, Instant now) {
    try {
      db.inTransaction(
          c -> {
            StepExecutions.moveWaiting(c, exportId, now);
            StepExecutions.insertMissing(c, exportId, now);
            return null;
          });
    } catch (SQLException e) {
      throw failed("schedule the chunks of export " + exportId, e);
    }
  }

  /**
   * Schedules at {@code now} the step of every unfinished chunk of the export that has none, and
   * leaves the others' times alone: a running export submitted again. One has none only when its
   * last step found the export stopped and ended its schedule while the export was run again.
   */
  public void scheduleMissing(String exportId, Instant now) {
    try {
      db.inTransaction(
          c -> {
            StepExecutions.insertMissing(c, exportId, now);
            return null;
          });
    } catch (SQLException e) {
      throw failed("schedule the chunks of export " + exportId, e);
    }
  }

  /**
   * Cancels every chunk of the export that the lifecycle lets cancel; part of {@link
   * ExportRepository#cancel}.
   */
  void cancelAll(Connection c, String exportId, Instant now) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE chunks SET state = '"
                + ChunkLifecycle.next(ChunkState.PLANNED, ChunkLifecycle.Event.CANCELLED)
                    .orElseThrow()
                    .name()
                + "', version = version + 1, updated_at = ? WHERE export_id = ? AND state IN "
                + sqlList(ChunkLifecycle.sourcesOf(ChunkLifecycle.Event.CANCELLED)))) {
      EpochMillis.set(ps, 1, now);
      ps.setString(2, exportId);
      ps.executeUpdate();
    }
    StepExecutions.deleteWaiting(c, exportId);
  }

  /** Sets state .. data_availability: 12 parameters from {@code first}. */
  private static void setMutableColumns(PreparedStatement ps, int first, ChunkRow chunk)
      throws SQLException {
    int i = first;
    ChunkRow.Job job = chunk.job();
    ChunkRow.Checkpoint checkpoint = chunk.checkpoint();
    ps.setString(i++, chunk.state().name());
    ps.setString(i++, job.id());
    EpochMillis.set(ps, i++, job.submittedAt());
    ps.setInt(i++, job.pollAttempts());
    ps.setString(i++, checkpoint.cursor());
    ps.setLong(i++, checkpoint.pages());
    ps.setLong(i++, checkpoint.records());
    ps.setLong(i++, checkpoint.partBytes());
    ps.setInt(i++, job.resubmits());
    ps.setString(i++, chunk.errorMessage());
    ps.setInt(i++, job.refusals());
    EpochMillis.set(ps, i, checkpoint.dataAvailability());
  }

  private static List<ChunkRow> readAll(PreparedStatement ps) throws SQLException {
    List<ChunkRow> rows = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        rows.add(
            new ChunkRow(
                rs.getString("export_id"),
                rs.getInt("seq"),
                EpochMillis.get(rs, "interval_start"),
                EpochMillis.get(rs, "interval_end"),
                ChunkState.valueOf(rs.getString("state")),
                new ChunkRow.Job(
                    rs.getString("job_id"),
                    EpochMillis.get(rs, "job_submitted_at"),
                    rs.getInt("poll_attempts"),
                    rs.getInt("resubmits"),
                    rs.getInt("results_refusals")),
                new ChunkRow.Checkpoint(
                    rs.getString("cursor"),
                    rs.getLong("pages"),
                    rs.getLong("records"),
                    rs.getLong("part_bytes"),
                    EpochMillis.get(rs, "data_availability")),
                schedule(rs),
                rs.getString("error_message"),
                rs.getLong("version"),
                EpochMillis.get(rs, "updated_at")));
      }
    }
    return rows;
  }

  /**
   * The chunk's execution: when its step is due (null when it has none: finished, or its export
   * stopped) and, while a step runs, the scheduler running it and when it counts as dead unless it
   * beats again.
   */
  private static ChunkRow.Schedule schedule(ResultSet rs) throws SQLException {
    Timestamp due = rs.getTimestamp("execution_time");
    if (due == null || !rs.getBoolean("picked")) {
      return new ChunkRow.Schedule(due == null ? null : due.toInstant(), null, null);
    }
    Timestamp beat = rs.getTimestamp("last_heartbeat");
    return new ChunkRow.Schedule(
        due.toInstant(),
        rs.getString("picked_by"),
        beat == null ? null : beat.toInstant().plus(ChunkSteps.DEAD_AFTER));
  }

  /** A concurrent writer changed the row first (a serialization failure, or H2's own signal). */
  private static boolean isConcurrentUpdate(SQLException e) {
    return "40001".equals(e.getSQLState()) || e.getErrorCode() == H2_CONCURRENT_UPDATE;
  }

  private static String sqlList(Set<ChunkState> states) {
    StringBuilder sb = new StringBuilder("(");
    for (ChunkState state : states) {
      sb.append(sb.length() > 1 ? ", " : "").append('\'').append(state.name()).append('\'');
    }
    return sb.append(')').toString();
  }

  private static StoreException failed(String what, SQLException e) {
    return new StoreException("store: cannot " + what + ": " + e.getMessage(), e);
  }
}
