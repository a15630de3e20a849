package dev.gcjobs.tables;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A destination that takes records flattened in Java. A commit stages the batch's ids and content
 * hashes, finds with {@link MergeSql} which records are new or changed, and writes only the rows of
 * those (each destination its fastest way), all in one transaction.
 */
abstract class StagedDestination extends SqlDestination implements TableDestination.Rows {
  /** Records a batch holds: the statements of a batch cost little per record this many. */
  private static final int RECORDS_PER_BATCH = 20_000;

  private final Map<String, FlatRecord> batch = new LinkedHashMap<>();

  StagedDestination(SqlDialect dialect, Clock clock) {
    super(dialect, clock);
  }

  /**
   * Writes the ids and content hashes of {@code records} into the top-level table's stage and, for
   * a kind that upserts its child rows by key, their child rows into the child tables' stages.
   */
  abstract void stage(Connection connection, TableMapping mapping, Collection<FlatRecord> records)
      throws SQLException;

  /**
   * Writes the rows of {@code records}, new or changed, straight into the tables; the rows they
   * replace are gone. Each top-level row gets its load times: the changed ones keep theirs of
   * {@code firstLoaded}.
   *
   * @return the rows written, per table in the mapping's order
   */
  abstract List<Long> insert(
      Connection connection,
      TableMapping mapping,
      MergeSql merge,
      List<FlatRecord> records,
      Map<String, Instant> firstLoaded,
      Instant now)
      throws SQLException;

  @Override
  public final void add(FlatRecord record) {
    if (!repeatsReplace() && batch.containsKey(record.id())) {
      writeSoFar();
    }
    batch.remove(record.id()); // the later one wins, and takes its place in the order
    batch.put(record.id(), record);
  }

  @Override
  public final boolean batchFull() {
    return batch.size() + recordsWrittenSoFar() >= RECORDS_PER_BATCH;
  }

  @Override
  final boolean batchEmpty() {
    return batch.isEmpty();
  }

  @Override
  final void clearBatch() {
    batch.clear();
  }

  @Override
  final LoadCounts writeBatch(
      Connection connection, TableMapping mapping, MergeSql merge, Instant now)
      throws SQLException {
    try (Statement s = connection.createStatement()) {
      stage(connection, mapping, batch.values());
      return merge(
          s,
          batch.size(),
          now,
          () -> {
            Map<String, Instant> changed = changed(s, merge);
            // In id order, so that the inserts walk the key indexes (which begin with the id) once
            // from start to end: an index larger than the server's cache is then read and written
            // once per batch, not once per record.
            List<FlatRecord> records =
                batch.values().stream()
                    .filter(r -> changed.containsKey(r.id()))
                    .sorted(Comparator.comparing(FlatRecord::id))
                    .toList();
            return insert(connection, mapping, merge, records, changed, now);
          });
    }
  }

  /** The new and changed records of the batch: their ids and when they were first loaded. */
  private static Map<String, Instant> changed(Statement s, MergeSql merge) throws SQLException {
    Map<String, Instant> changed = new HashMap<>();
    try (ResultSet rs = s.executeQuery(merge.listChanged())) {
      while (rs.next()) {
        OffsetDateTime at = rs.getObject(2, OffsetDateTime.class);
        changed.put(rs.getString(1), at == null ? null : at.toInstant());
      }
    }
    return changed;
  }
}
