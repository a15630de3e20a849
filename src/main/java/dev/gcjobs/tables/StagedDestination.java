package dev.gcjobs.tables;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A destination that takes records flattened in Java: a commit stages the batch's rows (each
 * destination its fastest way), then merges them with {@link MergeSql} in the same transaction.
 */
abstract class StagedDestination extends SqlDestination implements TableDestination.Rows {
  /** Records a batch holds: the statements of a batch cost little per record this many. */
  private static final int RECORDS_PER_BATCH = 20_000;

  private final Map<String, FlatRecord> batch = new LinkedHashMap<>();

  StagedDestination(SqlDialect dialect, Clock clock) {
    super(dialect, clock);
  }

  /** Writes the rows of {@code records} into the staging tables. */
  abstract void stage(Connection connection, TableMapping mapping, Collection<FlatRecord> records)
      throws SQLException;

  @Override
  public final void add(FlatRecord record) {
    batch.remove(record.id()); // the later one wins, and takes its place in the order
    batch.put(record.id(), record);
  }

  @Override
  public final boolean batchFull() {
    return batch.size() >= RECORDS_PER_BATCH;
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
  LoadCounts writeBatch(Connection connection, TableMapping mapping, MergeSql merge, Instant now)
      throws SQLException {
    try (Statement s = connection.createStatement()) {
      stage(connection, mapping, batch.values());
      return mergeStaged(s, batch.size(), now);
    }
  }
}
