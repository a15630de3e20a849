package dev.gcjobs.store;

import dev.gcjobs.store.ExportLoadRow.Counts;
import dev.gcjobs.store.ExportLoadRow.State;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The loads of exports into named table destinations. A load moves only from PENDING, so a load
 * finished by one process is never redone by another. Thread-safe; get it from {@link
 * Database#exportLoads()}.
 */
public final class ExportLoadRepository {
  private static final String UNIQUE_VIOLATION = "23505";
  private static final String COLUMNS =
      "export_id, destination, state, new_count, changed_count, unchanged_count, error_message,"
          + " created_at, updated_at, finished_at";

  private final Database db;

  ExportLoadRepository(Database db) {
    this.db = db;
  }

  /**
   * Stores a PENDING load of {@code exportId} into {@code destination}, unless the export has one.
   *
   * @return the export's load: the new one, or the one it had (into whichever destination)
   */
  public ExportLoadRow ask(String exportId, String destination, Instant now) {
    Optional<ExportLoadRow> existing = find(exportId);
    if (existing.isPresent()) {
      return existing.get();
    }
    try {
      db.withConnection(
          c -> {
            try (PreparedStatement ps =
                c.prepareStatement(
                    "INSERT INTO export_loads (export_id, destination, state, created_at,"
                        + " updated_at) VALUES (?, ?, 'PENDING', ?, ?)")) {
              ps.setString(1, exportId);
              ps.setString(2, destination);
              EpochMillis.set(ps, 3, now);
              EpochMillis.set(ps, 4, now);
              return ps.executeUpdate();
            }
          });
    } catch (SQLException e) {
      // Asked at the same time by another request: theirs stands.
      if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
        throw failed("store the load of export " + exportId, e);
      }
    }
    return find(exportId).orElseThrow(() -> new StoreException("store: lost load " + exportId));
  }

  /** The load of that export, if one was asked for. */
  public Optional<ExportLoadRow> find(String exportId) {
    return query("SELECT " + COLUMNS + " FROM export_loads WHERE export_id = ?", exportId).stream()
        .findFirst();
  }

  /** Every PENDING load, oldest first. */
  public List<ExportLoadRow> pending() {
    return query(
        "SELECT " + COLUMNS + " FROM export_loads WHERE state = 'PENDING' ORDER BY created_at");
  }

  /** Marks a PENDING load DONE; false when it is not PENDING (done or failed already). */
  public boolean done(String exportId, Counts counts, Instant now) {
    return update(
        "UPDATE export_loads SET state = 'DONE', new_count = ?, changed_count = ?,"
            + " unchanged_count = ?, error_message = NULL, updated_at = ?, finished_at = ?"
            + " WHERE export_id = ? AND state = 'PENDING'",
        ps -> {
          ps.setLong(1, counts.inserted());
          ps.setLong(2, counts.changed());
          ps.setLong(3, counts.unchanged());
          EpochMillis.set(ps, 4, now);
          EpochMillis.set(ps, 5, now);
          ps.setString(6, exportId);
        });
  }

  /** Marks a PENDING load FAILED for good; false when it is not PENDING. */
  public boolean failed(String exportId, String error, Instant now) {
    return update(
        "UPDATE export_loads SET state = 'FAILED', error_message = ?, updated_at = ?,"
            + " finished_at = ? WHERE export_id = ? AND state = 'PENDING'",
        ps -> {
          ps.setString(1, error);
          EpochMillis.set(ps, 2, now);
          EpochMillis.set(ps, 3, now);
          ps.setString(4, exportId);
        });
  }

  /** Keeps a load PENDING with why its last try failed; false when it is not PENDING. */
  public boolean retrying(String exportId, String error, Instant now) {
    return update(
        "UPDATE export_loads SET error_message = ?, updated_at = ?"
            + " WHERE export_id = ? AND state = 'PENDING'",
        ps -> {
          ps.setString(1, error);
          EpochMillis.set(ps, 2, now);
          ps.setString(3, exportId);
        });
  }

  private List<ExportLoadRow> query(String sql, String... args) {
    try {
      return db.withConnection(
          c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
              for (int i = 0; i < args.length; i++) {
                ps.setString(i + 1, args[i]);
              }
              List<ExportLoadRow> rows = new ArrayList<>();
              try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                  rows.add(row(rs));
                }
              }
              return rows;
            }
          });
    } catch (SQLException e) {
      throw failed("read export loads", e);
    }
  }

  private static ExportLoadRow row(ResultSet rs) throws SQLException {
    State state = State.valueOf(rs.getString("state"));
    Counts counts =
        state != State.DONE
            ? null
            : new Counts(
                rs.getLong("new_count"),
                rs.getLong("changed_count"),
                rs.getLong("unchanged_count"));
    return new ExportLoadRow(
        rs.getString("export_id"),
        rs.getString("destination"),
        state,
        counts,
        rs.getString("error_message"),
        EpochMillis.get(rs, "created_at"),
        EpochMillis.get(rs, "updated_at"),
        EpochMillis.get(rs, "finished_at"));
  }

  private boolean update(String sql, Database.Binder binder) {
    return db.update("update export loads", sql, binder) > 0;
  }

  private static StoreException failed(String what, SQLException e) {
    return new StoreException("store: cannot " + what + ": " + e.getMessage(), e);
  }
}
