package dev.gcjobs.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Instants as the store keeps them: BIGINT epoch milliseconds, null allowed. */
final class EpochMillis {
  private EpochMillis() {}

  /** Drops sub-millisecond precision so that a row reads back equal to what was written. */
  static Instant truncate(Instant instant) {
    return instant == null ? null : instant.truncatedTo(ChronoUnit.MILLIS);
  }

  static void set(PreparedStatement ps, int index, Instant instant) throws SQLException {
    if (instant == null) {
      ps.setNull(index, Types.BIGINT);
    } else {
      ps.setLong(index, instant.toEpochMilli());
    }
  }

  static Instant get(ResultSet rs, String column) throws SQLException {
    long millis = rs.getLong(column);
    return rs.wasNull() ? null : Instant.ofEpochMilli(millis);
  }
}
