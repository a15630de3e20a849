package dev.gcjobs.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The chunks table, and the work queue over it. Workers in any number of threads and processes
 * sharing the database {@link #claimDue claim} a due chunk with a lease, run one step, then {@link
 * #save} or {@link #release} it. Every write checks the row's version, so a worker whose lease
 * expired and whose chunk was taken over gets a {@link ChunkConflictException} instead of
 * overwriting the new owner's progress. Thread-safe; get it from {@link Database#chunks()}.
 */
public final class ChunkRepository {
  /** When the unfinished chunks of a failed export are due: not until it runs again. */
  public static final Instant PARKED = Instant.parse("9999-12-31T00:00:00Z");

  /** Candidates read per claim round: enough that concurrent claimers rarely run out of them. */
  private static final int CLAIM_CANDIDATES = 16;

  /** Gives up (returns empty, try again later) if every candidate is lost to others this often. */
  private static final int MAX_CLAIM_ROUNDS = 50;

  /** H2: another transaction changed the row concurrently. */
  private static final int H2_CONCURRENT_UPDATE = 90131;

  /** H2: the row stayed locked for longer than LOCK_TIMEOUT. */
  private static final int H2_LOCK_TIMEOUT = 50200;

  private static final String ACTIVE_STATES = sqlList(ChunkState.ACTIVE);

  /** Due, not leased (or its lease ran out), of a RUNNING export. */
  private static final String DUE =
      " FROM chunks c JOIN exports e ON e.id = c.export_id WHERE e.state = 'RUNNING'"
          + " AND c.next_run_at <= ? AND (c.lease_until IS NULL OR c.lease_until <= ?)";

  /** The first due chunks of one export: its rows come from the primary key (export_id, seq). */
  private static final String DUE_IN_EXPORT =
      "SELECT "
          + prefixed("c.")
          + DUE
          + " AND c.export_id = ? AND c.state IN "
          + ACTIVE_STATES
          + " ORDER BY c.next_run_at, c.seq FETCH FIRST "
          + CLAIM_CANDIDATES
          + " ROWS ONLY";

  /**
   * The first due chunks of every export: for each unfinished state, the index ix_chunks_due read
   * in order and left after a few rows, then merged. One query with {@code state IN (...)} read and
   * sorted every due chunk instead, slow with the tens of thousands of chunks waiting that a
   * service with a backlog of exports has (docs/benchmarks.md, "HTTP service latency").
   */
  private static final String DUE_ANYWHERE =
      "SELECT * FROM ("
          + perActiveState(
              "SELECT "
                  + prefixed("c.")
                  + DUE
                  + " AND c.state = '%s' ORDER BY c.state, c.next_run_at, c.export_id, c.seq"
                  + " FETCH FIRST "
                  + CLAIM_CANDIDATES
                  + " ROWS ONLY")
          + ") due ORDER BY next_run_at, export_id, seq FETCH FIRST "
          + CLAIM_CANDIDATES
          + " ROWS ONLY";

  /** When one export's next step is due: see {@link #nextDueAt(String)}. */
  private static final String NEXT_DUE_IN_EXPORT =
      "SELECT MIN(CASE WHEN c.lease_until IS NOT NULL AND c.lease_until > c.next_run_at"
          + " THEN c.lease_until ELSE c.next_run_at END) AS due FROM chunks c"
          + " WHERE c.export_id = ? AND c.state IN "
          + ACTIVE_STATES;

  /**
   * When the first chunk not held by a worker is due, over every RUNNING export, read from the
   * index as {@link #DUE_ANYWHERE} is.
   */
  private static final String NEXT_DUE_ANYWHERE =
      "SELECT MIN(next_run_at) AS due FROM ("
          + perActiveState(
              "SELECT c.next_run_at FROM chunks c JOIN exports e ON e.id = c.export_id"
                  + " WHERE e.state = 'RUNNING' AND c.state = '%s'"
                  + " AND (c.lease_until IS NULL OR c.lease_until <= c.next_run_at)"
                  + " ORDER BY c.state, c.next_run_at, c.export_id, c.seq FETCH FIRST 1 ROWS ONLY")
          + ") due";

  private static final String COLUMNS =
      "export_id, seq, interval_start, interval_end, state, job_id, job_submitted_at,"
          + " poll_attempts, cursor, pages, records, part_bytes, resubmits, next_run_at,"
          + " lease_owner, lease_until, error_message, results_refusals, data_availability,"
          + " version, updated_at";

  private final Database db;

  ChunkRepository(Database db) {
    this.db = db;
  }

  void insertAll(Connection c, List<ChunkRow> chunks) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO chunks ("
                + COLUMNS
                + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
      for (ChunkRow chunk : chunks) {
        ps.setString(1, chunk.exportId());
        ps.setInt(2, chunk.seq());
        EpochMillis.set(ps, 3, chunk.intervalStart());
        EpochMillis.set(ps, 4, chunk.intervalEnd());
        setMutableColumns(ps, 5, chunk);
        ps.setLong(20, chunk.version());
        EpochMillis.set(ps, 21, chunk.updatedAt());
        ps.addBatch();
      }
      ps.executeBatch();
    }
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
                c.prepareStatement(
                    "SELECT " + COLUMNS + " FROM chunks WHERE export_id = ? ORDER BY seq")) {
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
                c.prepareStatement(
                    "SELECT " + COLUMNS + " FROM chunks WHERE export_id = ? AND seq = ?")) {
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
   * Claims one due chunk for {@code owner} until {@code now + lease}: a chunk that is not terminal,
   * whose {@code nextRunAt} has come, whose lease is free or expired, and whose export is RUNNING.
   * Earliest due first. Safe with any number of concurrent claimers in threads and processes: a
   * chunk is claimed by one of them only (a conditional update on the version; a claimer that loses
   * the race tries the next candidate).
   *
   * @param owner a name unique to the worker, e.g. host, pid and thread
   * @param lease how long the chunk stays the owner's without a save; pick it longer than one step
   * @return the claimed chunk (lease set, version incremented), or empty when none is due
   */
  public Optional<ChunkRow> claimDue(String owner, Instant now, Duration lease) {
    return claim(null, owner, now, lease);
  }

  /**
   * Like {@link #claimDue}, among the chunks of one export only: for a process that runs its own
   * export (the CLI), and for workers whose part files are on a disk other nodes cannot see.
   */
  public Optional<ChunkRow> claimDueIn(String exportId, String owner, Instant now, Duration lease) {
    return claim(Objects.requireNonNull(exportId, "exportId"), owner, now, lease);
  }

  private Optional<ChunkRow> claim(String exportId, String owner, Instant now, Duration lease) {
    if (lease.isNegative() || lease.isZero()) {
      throw new IllegalArgumentException("lease must be positive: " + lease);
    }
    Instant at = EpochMillis.truncate(now);
    Instant until = at.plusMillis(lease.toMillis());
    try {
      for (int round = 0; round < MAX_CLAIM_ROUNDS; round++) {
        List<ChunkRow> candidates = dueCandidates(exportId, at);
        if (candidates.isEmpty()) {
          return Optional.empty();
        }
        // Earliest due first; a claimer that loses a candidate to another moves to the next one.
        for (ChunkRow candidate : candidates) {
          if (tryLease(candidate, owner, until, at)) {
            return Optional.of(
                candidate
                    .withSchedule(
                        new ChunkRow.Schedule(candidate.schedule().nextRunAt(), owner, until))
                    .stored(candidate.version() + 1, at));
          }
        }
      }
      return Optional.empty();
    } catch (SQLException e) {
      throw failed("claim a due chunk", e);
    }
  }

  private List<ChunkRow> dueCandidates(String exportId, Instant now) throws SQLException {
    return db.withConnection(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(exportId == null ? DUE_ANYWHERE : DUE_IN_EXPORT)) {
            // DUE's two times, once per state's query or once with the export id after them.
            int queries = exportId == null ? ChunkState.ACTIVE.size() : 1;
            int next = 1;
            for (int i = 0; i < queries; i++) {
              EpochMillis.set(ps, next++, now);
              EpochMillis.set(ps, next++, now);
            }
            if (exportId != null) {
              ps.setString(next, exportId);
            }
            return readAll(ps);
          }
        });
  }

  private boolean tryLease(ChunkRow candidate, String owner, Instant until, Instant now)
      throws SQLException {
    try {
      return db.withConnection(
              c -> {
                // The version check makes the claim atomic: only one claimer sees count 1.
                try (PreparedStatement ps =
                    c.prepareStatement(
                        "UPDATE chunks SET lease_owner = ?, lease_until = ?,"
                            + " version = version + 1, updated_at = ?"
                            + " WHERE export_id = ? AND seq = ? AND version = ?"
                            + " AND EXISTS (SELECT 1 FROM exports e"
                            + " WHERE e.id = chunks.export_id AND e.state = 'RUNNING')")) {
                  ps.setString(1, owner);
                  EpochMillis.set(ps, 2, until);
                  EpochMillis.set(ps, 3, now);
                  ps.setString(4, candidate.exportId());
                  ps.setInt(5, candidate.seq());
                  ps.setLong(6, candidate.version());
                  return ps.executeUpdate();
                }
              })
          == 1;
    } catch (SQLException e) {
      if (isLostRace(e)) {
        return false;
      }
      throw e;
    }
  }

  /**
   * Extends {@code owner}'s lease on a chunk it still holds to {@code until}: the heartbeat of a
   * worker whose step is running. It leaves the version alone, so the worker's own save of the
   * step's outcome still fits.
   *
   * @return whether {@code owner} still held the chunk
   */
  public boolean renewLease(String exportId, int seq, String owner, Instant until, Instant now) {
    try {
      return db.withConnection(
              c -> {
                try (PreparedStatement ps =
                    c.prepareStatement(
                        "UPDATE chunks SET lease_until = ? WHERE export_id = ? AND seq = ?"
                            + " AND lease_owner = ? AND lease_until > ?")) {
                  EpochMillis.set(ps, 1, EpochMillis.truncate(until));
                  ps.setString(2, exportId);
                  ps.setInt(3, seq);
                  ps.setString(4, owner);
                  EpochMillis.set(ps, 5, EpochMillis.truncate(now));
                  return ps.executeUpdate();
                }
              })
          == 1;
    } catch (SQLException e) {
      throw failed("renew the lease of chunk " + seq + " of export " + exportId, e);
    }
  }

  /**
   * Stores the engine's changes to a chunk (state, job, checkpoint, schedule, lease, error) if
   * nobody else wrote it since it was read.
   *
   * @return the stored chunk, with its new version
   * @throws ChunkConflictException when the stored version differs: another worker owns the chunk
   *     now or the export was cancelled; stop working on it
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
                            + " part_bytes = ?, resubmits = ?, next_run_at = ?, lease_owner = ?,"
                            + " lease_until = ?, error_message = ?, results_refusals = ?,"
                            + " data_availability = ?, version = version + 1, updated_at = ?"
                            + " WHERE export_id = ? AND seq = ? AND version = ?")) {
                  setMutableColumns(ps, 1, chunk);
                  EpochMillis.set(ps, 16, at);
                  ps.setString(17, chunk.exportId());
                  ps.setInt(18, chunk.seq());
                  ps.setLong(19, chunk.version());
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
   * Stores the chunk like {@link #save}, drops the lease and schedules its next step at {@code
   * nextRunAt}, when any worker may claim it.
   *
   * @throws ChunkConflictException as {@link #save} does
   */
  public ChunkRow release(ChunkRow chunk, Instant nextRunAt, Instant now) {
    return save(chunk.withSchedule(ChunkRow.Schedule.due(nextRunAt)), now);
  }

  /**
   * When the export's next step is due: the earliest {@code nextRunAt} of its unfinished chunks, or
   * the end of a lease if that is later (a chunk held by a worker that died becomes due then).
   *
   * @return empty when no chunk is left to run
   */
  public Optional<Instant> nextDueAt(String exportId) {
    return nextDue(NEXT_DUE_IN_EXPORT, exportId);
  }

  /**
   * When to look for due chunks again, over every RUNNING export: the earliest {@code nextRunAt} of
   * the unfinished chunks no worker holds. A chunk whose worker died is claimed once its lease has
   * run out, by a worker that looks again by then or soon after (idle workers look every second).
   *
   * @return empty when no chunk is left to run or every one is held
   */
  public Optional<Instant> nextDueAt() {
    return nextDue(NEXT_DUE_ANYWHERE, null);
  }

  private Optional<Instant> nextDue(String sql, String exportId) {
    try {
      return db.withConnection(
          c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
              if (exportId != null) {
                ps.setString(1, exportId);
              }
              try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return Optional.ofNullable(EpochMillis.get(rs, "due"));
              }
            }
          });
    } catch (SQLException e) {
      throw failed("find the next due chunk", e);
    }
  }

  /**
   * Makes the unfinished chunks of an export that failed due at {@link #PARKED}, keeping their jobs
   * and cursors for a run again (which makes them due at once). Claims read due chunks in {@code
   * next_run_at} order and skip those of exports that are not RUNNING one by one: without this,
   * every claim would step over the chunks of every failed export. A step still running on one of
   * them loses its next save, as after a cancel.
   */
  public void parkUnfinished(String exportId, Instant now) {
    try {
      db.withConnection(
          c -> {
            try (PreparedStatement ps =
                c.prepareStatement(
                    "UPDATE chunks SET next_run_at = ?, lease_owner = NULL, lease_until = NULL,"
                        + " version = version + 1, updated_at = ? WHERE export_id = ?"
                        + " AND state IN "
                        + ACTIVE_STATES)) {
              EpochMillis.set(ps, 1, PARKED);
              EpochMillis.set(ps, 2, now);
              ps.setString(3, exportId);
              return ps.executeUpdate();
            }
          });
    } catch (SQLException e) {
      throw failed("park the chunks of export " + exportId, e);
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
                + "', lease_owner = NULL, lease_until = NULL,"
                + " version = version + 1, updated_at = ? WHERE export_id = ? AND state IN "
                + sqlList(ChunkLifecycle.sourcesOf(ChunkLifecycle.Event.CANCELLED)))) {
      EpochMillis.set(ps, 1, now);
      ps.setString(2, exportId);
      ps.executeUpdate();
    }
  }

  /** Sets state .. data_availability: 15 parameters from {@code first}. */
  private static void setMutableColumns(PreparedStatement ps, int first, ChunkRow chunk)
      throws SQLException {
    int i = first;
    ChunkRow.Job job = chunk.job();
    ChunkRow.Checkpoint checkpoint = chunk.checkpoint();
    ChunkRow.Schedule schedule = chunk.schedule();
    ps.setString(i++, chunk.state().name());
    ps.setString(i++, job.id());
    EpochMillis.set(ps, i++, job.submittedAt());
    ps.setInt(i++, job.pollAttempts());
    ps.setString(i++, checkpoint.cursor());
    ps.setLong(i++, checkpoint.pages());
    ps.setLong(i++, checkpoint.records());
    ps.setLong(i++, checkpoint.partBytes());
    ps.setInt(i++, job.resubmits());
    EpochMillis.set(ps, i++, schedule.nextRunAt());
    ps.setString(i++, schedule.leaseOwner());
    EpochMillis.set(ps, i++, schedule.leaseUntil());
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
                new ChunkRow.Schedule(
                    EpochMillis.get(rs, "next_run_at"),
                    rs.getString("lease_owner"),
                    EpochMillis.get(rs, "lease_until")),
                rs.getString("error_message"),
                rs.getLong("version"),
                EpochMillis.get(rs, "updated_at")));
      }
    }
    return rows;
  }

  /** A claim lost to a concurrent writer, or waited too long for one: try another candidate. */
  private static boolean isLostRace(SQLException e) {
    return isConcurrentUpdate(e)
        || "40P01".equals(e.getSQLState())
        || e.getErrorCode() == H2_LOCK_TIMEOUT;
  }

  /** A concurrent writer changed the row first (a serialization failure, or H2's own signal). */
  private static boolean isConcurrentUpdate(SQLException e) {
    return "40001".equals(e.getSQLState()) || e.getErrorCode() == H2_CONCURRENT_UPDATE;
  }

  private static String prefixed(String alias) {
    return alias + COLUMNS.replace(", ", ", " + alias);
  }

  /** {@code (query for the first active state) UNION ALL (... the next) ...}. */
  private static String perActiveState(String queryOfState) {
    List<String> parts = new ArrayList<>();
    for (ChunkState state : ChunkState.ACTIVE) {
      parts.add("(" + String.format(queryOfState, state.name()) + ")");
    }
    return String.join(" UNION ALL ", parts);
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
