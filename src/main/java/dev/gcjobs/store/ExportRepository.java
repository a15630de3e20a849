package dev.gcjobs.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** The exports table. Thread-safe; get it from {@link Database#exports()}. */
public final class ExportRepository {
  /** SQLState of a unique or primary key violation, in both H2 and PostgreSQL. */
  private static final String UNIQUE_VIOLATION = "23505";

  /**
   * At most one commit of new exports every 5 ms. An H2 commit has a fixed cost whatever it holds
   * (docs/benchmarks.md, "HTTP service latency"), so at many submits a second one commit each took
   * much of a core; sharing one every 5 ms adds at most 5 ms to a submit.
   */
  static final Duration NEW_EXPORT_SPACING = Duration.ofMillis(5);

  private static final String COLUMNS =
      "id, request_key, idempotency_key, kind, request_json, output, state, error_code,"
          + " error_message, genesys_message, context_id, created_at, updated_at, deadline_at,"
          + " finished_at";

  private final Database db;
  private final ChunkRepository chunks;
  private final GroupCommit<NewExport> newExports;

  ExportRepository(Database db, ChunkRepository chunks) {
    this.db = db;
    this.chunks = chunks;
    this.newExports = new GroupCommit<>(db.dataSource(), this::insertAll, NEW_EXPORT_SPACING);
  }

  /**
   * Stores a new export and its planned chunks in one transaction: either all are stored or none.
   * Concurrent inserts share commits, so a burst of new exports does not queue on one commit each.
   *
   * @throws DuplicateExportException when the id, request key or idempotency key is taken (a
   *     concurrent start of the same export): look the existing one up and resume it
   */
  public void insert(ExportRow export, List<ChunkRow> exportChunks) {
    Set<Integer> seqs = new HashSet<>();
    for (ChunkRow chunk : exportChunks) {
      if (!chunk.exportId().equals(export.id())) {
        throw new IllegalArgumentException(
            "chunk "
                + chunk.seq()
                + " belongs to export "
                + chunk.exportId()
                + ", not "
                + export.id());
      }
      if (!seqs.add(chunk.seq())) {
        throw new IllegalArgumentException("chunk seq " + chunk.seq() + " appears twice");
      }
    }
    try {
      newExports.write(new NewExport(export, exportChunks));
    } catch (SQLException e) {
      if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
        throw new DuplicateExportException(duplicateMessage(export, e), e);
      }
      throw failed("store export " + export.id(), e);
    }
  }

  /** An export and its chunks, stored together. */
  private record NewExport(ExportRow export, List<ChunkRow> chunks) {}

  /** One statement batch for the exports and one for their chunks, however many there are. */
  private void insertAll(Connection c, List<NewExport> batch) throws SQLException {
    insertExports(c, batch.stream().map(NewExport::export).toList());
    chunks.insertAll(c, batch.stream().flatMap(e -> e.chunks().stream()).toList());
  }

  /** Names the key that clashed; both databases put the constraint name in the message. */
  private static String duplicateMessage(ExportRow export, SQLException e) {
    String message = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
    if (message.contains("uq_exports_request_key")) {
      return "an export of the same request already exists (request key "
          + export.requestKey()
          + ")";
    }
    if (message.contains("uq_exports_idempotency_key")) {
      return "an export with idempotency key '" + export.idempotencyKey() + "' already exists";
    }
    return "an export with id " + export.id() + " already exists";
  }

  private static void insertExports(Connection c, List<ExportRow> rows) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO exports (" + COLUMNS + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
      for (ExportRow e : rows) {
        ps.setString(1, e.id());
        ps.setString(2, e.requestKey());
        ps.setString(3, e.idempotencyKey());
        ps.setString(4, e.kind());
        ps.setString(5, e.requestJson());
        ps.setString(6, e.output());
        ps.setString(7, e.state().name());
        setError(ps, 8, e.error());
        EpochMillis.set(ps, 12, e.createdAt());
        EpochMillis.set(ps, 13, e.updatedAt());
        EpochMillis.set(ps, 14, e.deadlineAt());
        EpochMillis.set(ps, 15, e.finishedAt());
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  /** The export with this id. */
  public Optional<ExportRow> findById(String id) {
    return findOne("id", id);
  }

  /** The export started for this normalized request, if any: running it again resumes it. */
  public Optional<ExportRow> findByRequestKey(String requestKey) {
    return findOne("request_key", requestKey);
  }

  /** The export an HTTP client started with this {@code Idempotency-Key}, if any. */
  public Optional<ExportRow> findByIdempotencyKey(String idempotencyKey) {
    return findOne("idempotency_key", idempotencyKey);
  }

  private Optional<ExportRow> findOne(String column, String value) {
    try {
      return db.withConnection(
          c -> {
            try (PreparedStatement ps =
                c.prepareStatement(
                    "SELECT " + COLUMNS + " FROM exports WHERE " + column + " = ?")) {
              ps.setString(1, value);
              try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.<ExportRow>empty();
              }
            }
          });
    } catch (SQLException e) {
      throw failed("read export by " + column, e);
    }
  }

  /**
   * One page of exports, newest first (by creation time, then id).
   *
   * @param states only exports in these states; empty means all
   * @param limit the most exports to return, at least 1
   * @param after the {@link ExportPage#next()} of the previous page, or null for the first page
   */
  public ExportPage list(Set<ExportState> states, int limit, ExportCursor after) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1: " + limit);
    }
    StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM exports WHERE 1 = 1");
    if (!states.isEmpty()) {
      sql.append(" AND state IN (")
          .append(String.join(",", Collections.nCopies(states.size(), "?")))
          .append(")");
    }
    if (after != null) {
      sql.append(" AND (created_at < ? OR (created_at = ? AND id < ?))");
    }
    sql.append(" ORDER BY created_at DESC, id DESC");
    try {
      List<ExportRow> rows =
          db.withConnection(
              c -> {
                try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                  int i = 1;
                  for (ExportState state : states) {
                    ps.setString(i++, state.name());
                  }
                  if (after != null) {
                    ps.setLong(i++, after.createdAt().toEpochMilli());
                    ps.setLong(i++, after.createdAt().toEpochMilli());
                    ps.setString(i, after.id());
                  }
                  // One more than asked tells whether another page follows.
                  ps.setMaxRows(limit + 1);
                  List<ExportRow> found = new ArrayList<>();
                  try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                      found.add(read(rs));
                    }
                  }
                  return found;
                }
              });
      if (rows.size() <= limit) {
        return new ExportPage(rows, Optional.empty());
      }
      List<ExportRow> page = rows.subList(0, limit);
      ExportRow last = page.get(limit - 1);
      return new ExportPage(page, Optional.of(new ExportCursor(last.createdAt(), last.id())));
    } catch (SQLException e) {
      throw failed("list exports", e);
    }
  }

  /**
   * Moves an export from state {@code from} to {@code to}, only if it is still in {@code from}, so
   * that for example a cancel and a completion cannot overwrite each other. A terminal {@code to}
   * sets the finish time; {@code RUNNING} clears it (a failed export resumed).
   *
   * @param error why it failed, or null to clear the error
   * @return whether the export was in {@code from} and changed
   */
  public boolean updateState(
      String id, ExportState from, ExportState to, ExportError error, Instant now) {
    try {
      return db.withConnection(
              c -> {
                try (PreparedStatement ps =
                    c.prepareStatement(
                        "UPDATE exports SET state = ?, error_code = ?, error_message = ?,"
                            + " genesys_message = ?, context_id = ?, updated_at = ?,"
                            + " finished_at = ? WHERE id = ? AND state = ?")) {
                  ps.setString(1, to.name());
                  setError(ps, 2, error);
                  EpochMillis.set(ps, 6, now);
                  EpochMillis.set(ps, 7, to.isTerminal() ? now : null);
                  ps.setString(8, id);
                  ps.setString(9, from.name());
                  return ps.executeUpdate();
                }
              })
          == 1;
    } catch (SQLException e) {
      throw failed("update export " + id, e);
    }
  }

  /**
   * Sets how a resumed export runs from now on: the new run's request (the same request key, but
   * perhaps another page size or concurrency) and deadline ({@code --timeout}).
   *
   * @param requestJson the request as the engine stores it
   * @param deadlineAt the new deadline, or null for none
   * @return whether the export exists
   */
  public boolean updateRun(String id, String requestJson, Instant deadlineAt, Instant now) {
    try {
      return db.withConnection(
              c -> {
                try (PreparedStatement ps =
                    c.prepareStatement(
                        "UPDATE exports SET request_json = ?, deadline_at = ?, updated_at = ?"
                            + " WHERE id = ?")) {
                  ps.setString(1, requestJson);
                  EpochMillis.set(ps, 2, deadlineAt);
                  EpochMillis.set(ps, 3, now);
                  ps.setString(4, id);
                  return ps.executeUpdate();
                }
              })
          == 1;
    } catch (SQLException e) {
      throw failed("update the run settings of export " + id, e);
    }
  }

  /**
   * Cancels a running export and all its unfinished chunks in one transaction. Workers holding one
   * of its chunks get a {@link ChunkConflictException} on their next save and stop.
   *
   * @return whether the export was running and is now cancelled
   */
  public boolean cancel(String id, Instant now) {
    try {
      return db.inTransaction(
          c -> {
            try (PreparedStatement ps =
                c.prepareStatement(
                    "UPDATE exports SET state = ?, updated_at = ?, finished_at = ?"
                        + " WHERE id = ? AND state = ?")) {
              ps.setString(1, ExportState.CANCELLED.name());
              EpochMillis.set(ps, 2, now);
              EpochMillis.set(ps, 3, now);
              ps.setString(4, id);
              ps.setString(5, ExportState.RUNNING.name());
              if (ps.executeUpdate() == 0) {
                return false;
              }
            }
            chunks.cancelAll(c, id, now);
            return true;
          });
    } catch (SQLException e) {
      throw failed("cancel export " + id, e);
    }
  }

  /** The progress of one export, summed over its chunks. */
  public ExportProgress progress(String exportId) {
    return progress(List.of(exportId)).getOrDefault(exportId, ExportProgress.NONE);
  }

  /** The progress of several exports (for a listing page); exports without chunks are left out. */
  public Map<String, ExportProgress> progress(Collection<String> exportIds) {
    if (exportIds.isEmpty()) {
      return Map.of();
    }
    String sql =
        "SELECT export_id, COUNT(*) AS chunks,"
            + " SUM(CASE WHEN state = 'DONE' THEN 1 ELSE 0 END) AS done,"
            + " SUM(CASE WHEN state = 'FAILED' THEN 1 ELSE 0 END) AS failed,"
            + " SUM(pages) AS pages, SUM(records) AS records, SUM(part_bytes) AS part_bytes,"
            + " MIN(CASE WHEN data_availability < interval_end THEN data_availability END)"
            + " AS incomplete_from"
            + " FROM chunks WHERE export_id IN ("
            + exportIds.stream().map(id -> "?").collect(Collectors.joining(","))
            + ") GROUP BY export_id";
    try {
      return db.withConnection(
          c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
              int i = 1;
              for (String id : exportIds) {
                ps.setString(i++, id);
              }
              Map<String, ExportProgress> result = new HashMap<>();
              try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                  result.put(
                      rs.getString("export_id"),
                      new ExportProgress(
                          rs.getInt("chunks"),
                          rs.getInt("done"),
                          rs.getInt("failed"),
                          rs.getLong("pages"),
                          rs.getLong("records"),
                          rs.getLong("part_bytes"),
                          EpochMillis.get(rs, "incomplete_from")));
                }
              }
              return result;
            }
          });
    } catch (SQLException e) {
      throw failed("sum export progress", e);
    }
  }

  /** How many exports are in each state (every state present, zero included), for metrics. */
  public Map<ExportState, Long> countByState() {
    try {
      return db.withConnection(
          c -> {
            Map<ExportState, Long> counts = new EnumMap<>(ExportState.class);
            for (ExportState state : ExportState.values()) {
              counts.put(state, 0L);
            }
            try (PreparedStatement ps =
                    c.prepareStatement("SELECT state, COUNT(*) FROM exports GROUP BY state");
                ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                counts.put(ExportState.valueOf(rs.getString(1)), rs.getLong(2));
              }
            }
            return counts;
          });
    } catch (SQLException e) {
      throw failed("count exports", e);
    }
  }

  private static void setError(PreparedStatement ps, int index, ExportError error)
      throws SQLException {
    ps.setString(index, error == null ? null : error.code());
    ps.setString(index + 1, error == null ? null : error.message());
    ps.setString(index + 2, error == null ? null : error.genesysMessage());
    ps.setString(index + 3, error == null ? null : error.contextId());
  }

  private static ExportRow read(ResultSet rs) throws SQLException {
    String errorCode = rs.getString("error_code");
    ExportError error =
        errorCode == null
            ? null
            : new ExportError(
                errorCode,
                rs.getString("error_message"),
                rs.getString("genesys_message"),
                rs.getString("context_id"));
    return new ExportRow(
        rs.getString("id"),
        rs.getString("request_key"),
        rs.getString("idempotency_key"),
        rs.getString("kind"),
        rs.getString("request_json"),
        rs.getString("output"),
        ExportState.valueOf(rs.getString("state")),
        error,
        EpochMillis.get(rs, "created_at"),
        EpochMillis.get(rs, "updated_at"),
        EpochMillis.get(rs, "deadline_at"),
        EpochMillis.get(rs, "finished_at"));
  }

  private static StoreException failed(String what, SQLException e) {
    return new StoreException("store: cannot " + what + ": " + e.getMessage(), e);
  }
}
