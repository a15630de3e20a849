package dev.gcjobs.store;

import dev.gcjobs.store.SyncCycleRow.Counts;
import dev.gcjobs.store.SyncCycleRow.State;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The syncs and their cycles. A cycle's window and its export are stored before it reads anything,
 * and the watermark moves only with the cycle that reached it, in one transaction: a process killed
 * at any point resumes the same cycle. Thread-safe; get it from {@link Database#syncs()}.
 */
public final class SyncRepository {
  private static final String UNIQUE_VIOLATION = "23505";
  private static final String SYNC_COLUMNS =
      "id, destination, kind, definition_json, paused, watermark, last_reconcile_at, created_at,"
          + " updated_at";
  private static final String CYCLE_COLUMNS =
      "sync_id, seq, state, reconcile, window_start, window_end, watermark_before, started_at,"
          + " finished_at, export_id, new_count, changed_count, deleted_count, unchanged_count,"
          + " requests, error_message";

  private final Database db;

  SyncRepository(Database db) {
    this.db = db;
  }

  /**
   * Stores a new sync.
   *
   * @throws DuplicateSyncException when a sync of that kind into that destination exists, or the id
   *     is taken
   */
  public void insert(SyncRow sync) {
    try {
      db.withConnection(
          c -> {
            try (PreparedStatement ps =
                c.prepareStatement(
                    "INSERT INTO syncs ("
                        + SYNC_COLUMNS
                        + ", owner, owner_until) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL)")) {
              ps.setString(1, sync.id());
              ps.setString(2, sync.destination());
              ps.setString(3, sync.kind());
              ps.setString(4, sync.definitionJson());
              ps.setBoolean(5, sync.paused());
              EpochMillis.set(ps, 6, sync.watermark());
              EpochMillis.set(ps, 7, sync.lastReconcileAt());
              EpochMillis.set(ps, 8, sync.createdAt());
              EpochMillis.set(ps, 9, sync.updatedAt());
              return ps.executeUpdate();
            }
          });
    } catch (SQLException e) {
      if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
        SyncRow existing =
            find(sync.id())
                .or(() -> findByDestination(sync.destination(), sync.kind()))
                .orElseThrow(() -> failed("store sync " + sync.id(), e));
        throw new DuplicateSyncException(existing);
      }
      throw failed("store sync " + sync.id(), e);
    }
  }

  /** The sync with that id. */
  public Optional<SyncRow> find(String id) {
    return querySyncs("SELECT " + SYNC_COLUMNS + " FROM syncs WHERE id = ?", id).stream()
        .findFirst();
  }

  /** The sync of {@code kind} into {@code destination}. */
  public Optional<SyncRow> findByDestination(String destination, String kind) {
    return querySyncs(
            "SELECT " + SYNC_COLUMNS + " FROM syncs WHERE destination = ? AND kind = ?",
            destination,
            kind)
        .stream()
        .findFirst();
  }

  /** Every sync, oldest first. */
  public List<SyncRow> list() {
    return querySyncs("SELECT " + SYNC_COLUMNS + " FROM syncs ORDER BY created_at, id");
  }

  /** Pauses or resumes a sync; false when there is no such sync. */
  public boolean setPaused(String id, boolean paused, Instant now) {
    return update(
            "UPDATE syncs SET paused = ?, updated_at = ? WHERE id = ?",
            ps -> {
              ps.setBoolean(1, paused);
              EpochMillis.set(ps, 2, now);
              ps.setString(3, id);
            })
        > 0;
  }

  /** Deletes a sync and its cycles (not its destination's rows); false when there is none. */
  public boolean delete(String id) {
    return update("DELETE FROM syncs WHERE id = ?", ps -> ps.setString(1, id)) > 0;
  }

  /**
   * Takes or renews the right to run the sync's cycles until {@code until}: granted when no one
   * holds it, {@code owner} holds it, or the holder's claim ran out (a process that died).
   */
  public boolean claim(String id, String owner, Instant now, Instant until) {
    return update(
            "UPDATE syncs SET owner = ?, owner_until = ? WHERE id = ?"
                + " AND (owner IS NULL OR owner = ? OR owner_until < ?)",
            ps -> {
              ps.setString(1, owner);
              EpochMillis.set(ps, 2, until);
              ps.setString(3, id);
              ps.setString(4, owner);
              EpochMillis.set(ps, 5, now);
            })
        > 0;
  }

  /**
   * Takes the claim from {@code holder}, a process known to be dead, whatever its claim's end.
   *
   * @return false when {@code holder} no longer holds it (another process took it first)
   */
  public boolean takeOver(String id, String holder, String owner, Instant until) {
    return update(
            "UPDATE syncs SET owner = ?, owner_until = ? WHERE id = ? AND owner = ?",
            ps -> {
              ps.setString(1, owner);
              EpochMillis.set(ps, 2, until);
              ps.setString(3, id);
              ps.setString(4, holder);
            })
        > 0;
  }

  /** Who runs the sync's cycles now, if anyone claimed it. */
  public Optional<String> owner(String id) {
    try {
      return db.withConnection(
          c -> {
            try (PreparedStatement ps =
                c.prepareStatement("SELECT owner FROM syncs WHERE id = ?")) {
              ps.setString(1, id);
              try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
              }
            }
          });
    } catch (SQLException e) {
      throw failed("read the owner of sync " + id, e);
    }
  }

  /** Gives up the claim {@code owner} holds, so another process can run cycles at once. */
  public void release(String id, String owner) {
    update(
        "UPDATE syncs SET owner = NULL, owner_until = NULL WHERE id = ? AND owner = ?",
        ps -> {
          ps.setString(1, id);
          ps.setString(2, owner);
        });
  }

  /** The cycle that began and did not end (its process stopped or failed mid-way), if any. */
  public Optional<SyncCycleRow> runningCycle(String syncId) {
    return queryCycles(
            "SELECT " + CYCLE_COLUMNS + " FROM sync_cycles WHERE sync_id = ? AND state = 'RUNNING'",
            syncId)
        .stream()
        .findFirst();
  }

  /** The sync's last {@code limit} cycles, newest first. */
  public List<SyncCycleRow> recentCycles(String syncId, int limit) {
    // Limited in SQL: the service reads every sync's status each second, and cycles pile up.
    return queryCycles(
        "SELECT "
            + CYCLE_COLUMNS
            + " FROM sync_cycles WHERE sync_id = ? ORDER BY seq DESC LIMIT "
            + Math.max(0, limit),
        syncId);
  }

  /**
   * Stores a new RUNNING cycle, numbered after the sync's last one.
   *
   * @throws StoreException when a cycle is running already
   */
  public SyncCycleRow startCycle(
      String syncId,
      boolean reconcile,
      Instant windowStart,
      Instant windowEnd,
      Instant watermarkBefore,
      Instant startedAt) {
    try {
      return db.inTransaction(
          c -> {
            int seq = nextSeq(c, syncId);
            SyncCycleRow cycle =
                new SyncCycleRow(
                    syncId,
                    seq,
                    State.RUNNING,
                    reconcile,
                    windowStart,
                    windowEnd,
                    watermarkBefore,
                    startedAt,
                    null,
                    null,
                    null,
                    null);
            try (PreparedStatement ps =
                c.prepareStatement(
                    "INSERT INTO sync_cycles (sync_id, seq, state, reconcile, window_start,"
                        + " window_end, watermark_before, started_at)"
                        + " VALUES (?, ?, 'RUNNING', ?, ?, ?, ?, ?)")) {
              ps.setString(1, syncId);
              ps.setInt(2, seq);
              ps.setBoolean(3, reconcile);
              EpochMillis.set(ps, 4, cycle.windowStart());
              EpochMillis.set(ps, 5, cycle.windowEnd());
              EpochMillis.set(ps, 6, cycle.watermarkBefore());
              EpochMillis.set(ps, 7, cycle.startedAt());
              ps.executeUpdate();
            }
            return cycle;
          });
    } catch (SQLException e) {
      throw failed("start a cycle of sync " + syncId, e);
    }
  }

  private int nextSeq(Connection c, String syncId) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT COALESCE(MAX(seq), 0), SUM(CASE WHEN state = 'RUNNING' THEN 1 ELSE 0 END)"
                + " FROM sync_cycles WHERE sync_id = ?")) {
      ps.setString(1, syncId);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        if (rs.getLong(2) > 0) {
          throw new StoreException("sync " + syncId + " has a cycle running already");
        }
        return rs.getInt(1) + 1;
      }
    }
  }

  /** Records the export that reads the cycle's window. */
  public void setCycleExport(String syncId, int seq, String exportId) {
    update(
        "UPDATE sync_cycles SET export_id = ? WHERE sync_id = ? AND seq = ?",
        ps -> {
          ps.setString(1, exportId);
          ps.setString(2, syncId);
          ps.setInt(3, seq);
        });
  }

  /**
   * Ends a running cycle DONE with its counts and moves the sync's watermark to the cycle's window
   * end (and its last reconcile to the cycle's start, for a reconcile), in one transaction.
   */
  public void finishCycle(SyncCycleRow cycle, Counts counts, Instant finishedAt) {
    try {
      db.inTransaction(
          c -> {
            try (PreparedStatement ps =
                c.prepareStatement(
                    "UPDATE sync_cycles SET state = 'DONE', finished_at = ?, new_count = ?,"
                        + " changed_count = ?, deleted_count = ?, unchanged_count = ?,"
                        + " requests = ? WHERE sync_id = ? AND seq = ? AND state = 'RUNNING'")) {
              EpochMillis.set(ps, 1, finishedAt);
              ps.setLong(2, counts.added());
              ps.setLong(3, counts.changed());
              ps.setLong(4, counts.deleted());
              ps.setLong(5, counts.unchanged());
              ps.setLong(6, counts.requests());
              ps.setString(7, cycle.syncId());
              ps.setInt(8, cycle.seq());
              if (ps.executeUpdate() != 1) {
                throw new StoreException(
                    "cycle " + cycle.seq() + " of sync " + cycle.syncId() + " is not running");
              }
            }
            try (PreparedStatement ps =
                c.prepareStatement(
                    "UPDATE syncs SET watermark = ?, updated_at = ?,"
                        + " last_reconcile_at = CASE WHEN ? THEN ? ELSE last_reconcile_at END"
                        + " WHERE id = ?")) {
              EpochMillis.set(ps, 1, cycle.windowEnd());
              EpochMillis.set(ps, 2, finishedAt);
              ps.setBoolean(3, cycle.reconcile());
              EpochMillis.set(ps, 4, cycle.startedAt());
              ps.setString(5, cycle.syncId());
              ps.executeUpdate();
            }
            return null;
          });
    } catch (SQLException e) {
      throw failed("finish cycle " + cycle.seq() + " of sync " + cycle.syncId(), e);
    }
  }

  /** Ends a running cycle FAILED; the watermark stays, so the next cycle reads the same window. */
  public void failCycle(SyncCycleRow cycle, String error, Instant finishedAt) {
    update(
        "UPDATE sync_cycles SET state = 'FAILED', finished_at = ?, error_message = ?"
            + " WHERE sync_id = ? AND seq = ? AND state = 'RUNNING'",
        ps -> {
          EpochMillis.set(ps, 1, finishedAt);
          ps.setString(2, error);
          ps.setString(3, cycle.syncId());
          ps.setInt(4, cycle.seq());
        });
  }

  private List<SyncRow> querySyncs(String sql, String... args) {
    try {
      return db.withConnection(
          c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
              for (int i = 0; i < args.length; i++) {
                ps.setString(i + 1, args[i]);
              }
              List<SyncRow> rows = new ArrayList<>();
              try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                  rows.add(
                      new SyncRow(
                          rs.getString("id"),
                          rs.getString("destination"),
                          rs.getString("kind"),
                          rs.getString("definition_json"),
                          rs.getBoolean("paused"),
                          EpochMillis.get(rs, "watermark"),
                          EpochMillis.get(rs, "last_reconcile_at"),
                          EpochMillis.get(rs, "created_at"),
                          EpochMillis.get(rs, "updated_at")));
                }
              }
              return rows;
            }
          });
    } catch (SQLException e) {
      throw failed("read syncs", e);
    }
  }

  private List<SyncCycleRow> queryCycles(String sql, String syncId) {
    try {
      return db.withConnection(
          c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
              ps.setString(1, syncId);
              List<SyncCycleRow> rows = new ArrayList<>();
              try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                  rows.add(cycle(rs));
                }
              }
              return rows;
            }
          });
    } catch (SQLException e) {
      throw failed("read the cycles of sync " + syncId, e);
    }
  }

  private static SyncCycleRow cycle(ResultSet rs) throws SQLException {
    State state = State.valueOf(rs.getString("state"));
    Counts counts = null;
    if (state == State.DONE) {
      counts =
          new Counts(
              rs.getLong("new_count"),
              rs.getLong("changed_count"),
              rs.getLong("deleted_count"),
              rs.getLong("unchanged_count"),
              rs.getLong("requests"));
    }
    return new SyncCycleRow(
        rs.getString("sync_id"),
        rs.getInt("seq"),
        state,
        rs.getBoolean("reconcile"),
        EpochMillis.get(rs, "window_start"),
        EpochMillis.get(rs, "window_end"),
        EpochMillis.get(rs, "watermark_before"),
        EpochMillis.get(rs, "started_at"),
        EpochMillis.get(rs, "finished_at"),
        rs.getString("export_id"),
        counts,
        rs.getString("error_message"));
  }

  private int update(String sql, Database.Binder binder) {
    return db.update("update syncs", sql, binder);
  }

  private static StoreException failed(String what, SQLException e) {
    return new StoreException("store: cannot " + what + ": " + e.getMessage(), e);
  }
}
