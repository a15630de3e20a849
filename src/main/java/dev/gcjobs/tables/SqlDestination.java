package dev.gcjobs.tables;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the SQL destinations share: the tables created on open, a commit that writes the batch in
 * one transaction, the merge of staged rows with {@link MergeSql}, and marking and counting by load
 * time. Each destination keeps its batch its own way.
 */
abstract class SqlDestination implements TableDestination {
  private final SqlDialect dialect;
  private final Clock clock;
  private Connection connection;
  private TableMapping mapping;
  private MergeSql merge;

  /** What the batches written in the open transaction but not yet committed did. */
  private LoadCounts uncommitted = LoadCounts.NONE;

  /** The records of those batches. */
  private long recordsSoFar;

  /**
   * When those batches were written: one time for the transaction, so that a record written twice
   * in it (a user's records of two intervals) is stamped once.
   */
  private Instant writtenAt;

  /**
   * For a kind whose records do not replace their child rows: what the open transaction did to each
   * record it wrote, so that a user written twice in it is counted once.
   */
  private final Map<String, Outcome> outcomes = new HashMap<>();

  /** What a transaction did to a record, in the order one overrides the other. */
  private enum Outcome {
    UNCHANGED,
    CHANGED,
    NEW
  }

  SqlDestination(SqlDialect dialect, Clock clock) {
    this.dialect = dialect;
    this.clock = clock;
  }

  /** Connects, with auto-commit off. */
  abstract Connection connect();

  /** The schema of the tables, a plain identifier. */
  abstract String schema();

  /** Whether the batch holds no record. */
  abstract boolean batchEmpty();

  /**
   * Writes the batch into the tables inside the open transaction; a record with the same id as an
   * earlier one in the batch replaces it (as only records whose repeats replace are held twice).
   */
  abstract LoadCounts writeBatch(
      Connection connection, TableMapping mapping, MergeSql merge, Instant now) throws SQLException;

  /** Forgets the batch, written or not. */
  abstract void clearBatch();

  /**
   * Makes the open transaction the only one writing the tables until it ends, where other processes
   * may write them at the same time; a DuckDB file has one writing process at most and needs none.
   */
  void lockTables(Statement s) throws SQLException {}

  /** A failure of a statement on a working destination, said in one line. */
  abstract TablesException failure(String doing, SQLException e);

  @Override
  public final void open(TableMapping mapping) {
    this.mapping = mapping;
    this.merge = new MergeSql(mapping, schema());
    this.connection = connect();
    try (Statement s = connection.createStatement()) {
      lockTables(s);
      s.execute("CREATE SCHEMA IF NOT EXISTS " + MergeSql.quoted(schema()));
      for (Table table : mapping.tables()) {
        s.execute(dialect.createTable(merge.target(table), table));
        s.execute(dialect.createStage(table));
      }
      s.execute(merge.createChanged(dialect));
      String unlike = unlikeTheMapping(connection, mapping);
      if (unlike != null) {
        rollback();
        throw new TablesException(
            TablesException.Subject.SCHEMA,
            where()
                + ": "
                + unlike
                + " (another program's table of the same name?); load into another schema, or drop"
                + " that table");
      }
      connection.commit();
    } catch (SQLException e) {
      rollback();
      throw failure("creating the tables", e);
    }
  }

  /**
   * What is missing from a table found in the schema already, or null when each has every column of
   * the mapping: a load would otherwise fail on its first insert, saying less.
   */
  private String unlikeTheMapping(Connection c, TableMapping mapping) throws SQLException {
    try (PreparedStatement columns =
        c.prepareStatement(
            "SELECT column_name FROM information_schema.columns"
                + " WHERE table_schema = ? AND table_name = ?")) {
      for (Table table : mapping.tables()) {
        columns.setString(1, schema());
        columns.setString(2, table.name());
        Set<String> found = new HashSet<>();
        try (ResultSet rs = columns.executeQuery()) {
          while (rs.next()) {
            found.add(rs.getString(1));
          }
        }
        for (Column column : table.columns()) {
          if (!found.contains(column.name())) {
            return "table " + schema() + "." + table.name() + " has no column " + column.name();
          }
        }
      }
    }
    return null;
  }

  @Override
  public final LoadCounts commit() {
    if (batchEmpty() && writtenAt == null) { // nothing held, nothing written in this transaction
      return LoadCounts.NONE;
    }
    writeSoFar();
    try {
      connection.commit();
      return uncommitted;
    } catch (SQLException e) {
      rollback();
      throw failure("writing " + mapping.kind().cliName(), e);
    } finally {
      forgetTransaction();
    }
  }

  private void forgetTransaction() {
    uncommitted = LoadCounts.NONE;
    recordsSoFar = 0;
    writtenAt = null;
    outcomes.clear();
  }

  /**
   * Writes the batch into the tables in the open transaction, without committing, and empties it:
   * before a record whose id the batch holds already, for a kind whose records do not replace their
   * child rows (a user's record of another interval), so that the rows of both are kept.
   */
  final void writeSoFar() {
    if (batchEmpty()) {
      return;
    }
    if (writtenAt == null) {
      writtenAt = clock.instant();
    }
    try (Statement s = connection.createStatement()) {
      lockTables(s);
      uncommitted = uncommitted.plus(writeBatch(connection, mapping, merge, writtenAt));
    } catch (SQLException e) {
      rollback();
      throw failure("writing " + mapping.kind().cliName(), e);
    } catch (RuntimeException e) {
      rollback();
      throw e;
    } finally {
      clearBatch();
    }
  }

  /** The records written in the open transaction but not yet committed, out of the batch. */
  final long recordsWrittenSoFar() {
    return recordsSoFar;
  }

  /**
   * Whether a record whose id the batch holds already replaces the earlier one there (a
   * conversation's later record is the whole of it); else the batch is first written ({@link
   * #writeSoFar}).
   */
  final boolean repeatsReplace() {
    return mapping.kind().replacesChildren();
  }

  /** The open connection, for a destination's batch. */
  final Connection connection() {
    return connection;
  }

  /** The kind of records of the open tables, for messages. */
  final String kindName() {
    return mapping.kind().cliName();
  }

  /**
   * Merges the staged rows of a batch of {@code records} records into the tables: finds the new and
   * changed ones, deletes the rows they replace, inserts theirs, stamps the unchanged ones as seen,
   * and empties the stage.
   */
  final LoadCounts mergeStaged(Statement s, long records, Instant now) throws SQLException {
    return merge(s, records, now, () -> insertStaged(s, now));
  }

  /** Writes the rows of the records listed in {@link MergeSql#CHANGED} into the tables. */
  interface InsertChanged {
    /** Returns the rows written, per table in the mapping's order. */
    List<Long> insert() throws SQLException;
  }

  /**
   * Merges a batch of {@code records} records whose ids and content hashes are in the top-level
   * table's stage: finds the new and changed ones, deletes the rows they replace, has {@code
   * insert} write theirs, stamps the unchanged ones as seen, and empties the stage.
   */
  final LoadCounts merge(Statement s, long records, Instant now, InsertChanged insert)
      throws SQLException {
    Changed found = findChanged(s, MergeSql.stage(mapping.root()));
    long inserted = found.inserted();
    long changed = found.replaced();
    Map<String, Long> rows = new LinkedHashMap<>();
    mapping.tables().forEach(table -> rows.put(table.name(), 0L));
    if (inserted + changed > 0) {
      List<Long> written = insert.insert();
      for (int i = 0; i < written.size(); i++) {
        rows.put(mapping.tables().get(i).name(), written.get(i));
      }
    }
    s.executeUpdate(merge.markSeen(now, MergeSql.stage(mapping.root())));
    recordsSoFar += records;
    LoadCounts counts =
        mapping.kind().replacesChildren()
            ? new LoadCounts(inserted, changed, records - inserted - changed, rows)
            : countOnce(s, rows);
    for (String clear : merge.clear()) {
      s.executeUpdate(clear);
    }
    return counts;
  }

  /**
   * What this batch adds to the open transaction's counts, each record counted once in it: as new
   * if it was new in any of its batches, else as changed if it changed in any, else as unchanged.
   */
  private LoadCounts countOnce(Statement s, Map<String, Long> rows) throws SQLException {
    long[] counts = new long[Outcome.values().length];
    try (ResultSet rs = s.executeQuery(merge.listOutcomes())) {
      while (rs.next()) {
        Outcome now =
            rs.getObject(2) == null
                ? Outcome.UNCHANGED
                : rs.getBoolean(2) ? Outcome.NEW : Outcome.CHANGED;
        Outcome before = outcomes.get(rs.getString(1));
        if (before == null || now.compareTo(before) > 0) {
          outcomes.put(rs.getString(1), now);
          counts[now.ordinal()]++;
          if (before != null) {
            counts[before.ordinal()]--;
          }
        }
      }
    }
    return new LoadCounts(
        counts[Outcome.NEW.ordinal()],
        counts[Outcome.CHANGED.ordinal()],
        counts[Outcome.UNCHANGED.ordinal()],
        rows);
  }

  private List<Long> insertStaged(Statement s, Instant now) throws SQLException {
    List<Long> rows = new ArrayList<>();
    for (String insert : merge.insertChanged(now)) {
      rows.add((long) s.executeUpdate(insert));
    }
    return rows;
  }

  /** How many records of a batch are new, and how many replace rows. */
  record Changed(long inserted, long replaced) {}

  /**
   * Lists the new and changed records of a batch (their ids and hashes in the table {@code batch})
   * in {@link MergeSql#CHANGED}, and deletes the rows the changed ones replace.
   */
  final Changed findChanged(Statement s, String batch) throws SQLException {
    s.executeUpdate(merge.findChanged(batch));
    Changed found;
    try (ResultSet counts = s.executeQuery(merge.countChanged())) {
      counts.next();
      found = new Changed(counts.getLong(1), counts.getLong(2));
    }
    if (found.replaced() > 0) {
      for (String delete : merge.deleteReplaced()) {
        s.executeUpdate(delete);
      }
    }
    return found;
  }

  @Override
  public final long markGone(Instant start, Instant end, boolean purge) {
    String gone = merge.gone(start, end, clock.instant());
    if (gone == null) {
      return 0;
    }
    try (Statement s = connection.createStatement()) {
      lockTables(s);
      long count;
      try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM (" + gone + ") g")) {
        rs.next();
        count = rs.getLong(1);
      }
      if (purge) {
        for (String delete : merge.purge(gone)) {
          s.executeUpdate(delete);
        }
      } else {
        s.executeUpdate(merge.markDeleted(gone, clock.instant()));
        count = deletedAt(s);
      }
      connection.commit();
      return count;
    } catch (SQLException e) {
      rollback();
      throw failure("marking what is gone from " + mapping.kind().cliName(), e);
    }
  }

  private long deletedAt(Statement s) throws SQLException {
    // Read back, not counted: a run stopped after the marking and run again counts the same.
    try (ResultSet rs =
        s.executeQuery(
            "SELECT COUNT(*) FROM "
                + merge.target(mapping.root())
                + " WHERE deleted_at = CAST('"
                + clock.instant()
                + "' AS TIMESTAMPTZ)")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  @Override
  public final LoadCounts countsAt() {
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery(merge.countAt(clock.instant()))) {
      rs.next();
      LoadCounts counts = new LoadCounts(rs.getLong(1), rs.getLong(2), rs.getLong(3), Map.of());
      connection.commit();
      return counts;
    } catch (SQLException e) {
      rollback();
      throw failure("counting " + mapping.kind().cliName(), e);
    }
  }

  final void rollback() {
    forgetTransaction();
    try {
      connection.rollback();
      // The stage may hold rows a failed batch put there outside the transaction.
      try (Statement s = connection.createStatement()) {
        for (String clear : merge.clear()) {
          s.executeUpdate(clear);
        }
        connection.commit();
      }
    } catch (SQLException ignored) {
      // The connection is broken; closing it drops the session's staging tables.
    }
  }

  @Override
  public final void close() {
    clearBatch();
    forgetTransaction();
    if (connection == null) {
      return;
    }
    try {
      connection.rollback();
      connection.close();
    } catch (SQLException e) {
      // Nothing uncommitted is worth a failure here; the next open starts clean.
    } finally {
      connection = null;
    }
  }
}
