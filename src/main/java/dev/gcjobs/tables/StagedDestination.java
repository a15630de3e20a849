package dev.gcjobs.tables;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;

/**
 * A destination that takes records flattened in Java: a commit stages the batch's rows (each
 * destination its fastest way), then merges them with {@link MergeSql} in the same transaction.
 */
abstract class StagedDestination extends SqlDestination<FlatRecord>
    implements TableDestination.Rows {

  StagedDestination(SqlDialect dialect, Clock clock) {
    super(dialect, clock);
  }

  /** Writes the rows of {@code records} into the staging tables. */
  abstract void stage(Connection connection, TableMapping mapping, Collection<FlatRecord> records)
      throws SQLException;

  @Override
  final String idOf(FlatRecord record) {
    return record.id();
  }

  @Override
  LoadCounts write(
      Connection connection,
      TableMapping mapping,
      MergeSql merge,
      Collection<FlatRecord> records,
      Instant now)
      throws SQLException {
    try (Statement s = connection.createStatement()) {
      stage(connection, mapping, records);
      return mergeStaged(s, records.size(), now);
    }
  }
}
