package dev.gcjobs.store;

import com.github.kagkarlsson.scheduler.jdbc.JdbcCustomization;
import com.github.kagkarlsson.scheduler.jdbc.JdbcTaskRepositoryContext;
import com.github.kagkarlsson.scheduler.task.Execution;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The database dialect of a scheduler that runs one export's steps only (a {@code gcjobs export}
 * process): its look for due executions sees that export's. Everything else is the detected
 * dialect's. The other exports in the store are left to the processes that run them: their part
 * files are on those processes' disks, and a CLI run must not resume an export nobody asked it to.
 * Lock-and-fetch is off here, as its single statement has no place for the filter; the look is
 * db-scheduler's select of due rows, then a pick per row.
 */
final class OneExportPolls implements JdbcCustomization {
  /** Export ids are UUIDs: safe inside a SQL literal and a LIKE pattern as they are. */
  private static final Pattern EXPORT_ID = Pattern.compile("[0-9A-Za-z-]+");

  private final JdbcCustomization dialect;
  private final String condition;

  OneExportPolls(JdbcCustomization dialect, String exportId) {
    if (!EXPORT_ID.matcher(exportId).matches()) {
      throw new IllegalArgumentException("not an export id: " + exportId);
    }
    this.dialect = dialect;
    this.condition = " and task_instance like '" + exportId + "/%' ";
  }

  @Override
  public String createSelectDueQuery(
      String tableName, int limit, String andCondition, boolean orderByPriority) {
    return dialect.createSelectDueQuery(
        tableName, limit, andCondition + condition, orderByPriority);
  }

  @Override
  public boolean supportsSingleStatementLockAndFetch() {
    return false;
  }

  @Override
  public boolean supportsGenericLockAndFetch() {
    return false;
  }

  @Override
  public List<Execution> lockAndFetchSingleStatement(
      JdbcTaskRepositoryContext ctx, Instant now, int limit, boolean orderByPriority) {
    throw new UnsupportedOperationException("lock-and-fetch is off for one export's steps");
  }

  @Override
  public String createGenericSelectForUpdateQuery(
      String tableName, int limit, String requiredAndCondition, boolean orderByPriority) {
    throw new UnsupportedOperationException("lock-and-fetch is off for one export's steps");
  }

  @Override
  public String getName() {
    return dialect.getName() + ", one export";
  }

  @Override
  public void setInstant(PreparedStatement p, int index, Instant value) throws SQLException {
    dialect.setInstant(p, index, value);
  }

  @Override
  public Instant getInstant(ResultSet rs, String column) throws SQLException {
    return dialect.getInstant(rs, column);
  }

  @Override
  public void setTaskData(PreparedStatement p, int index, byte[] value) throws SQLException {
    dialect.setTaskData(p, index, value);
  }

  @Override
  public byte[] getTaskData(ResultSet rs, String column) throws SQLException {
    return dialect.getTaskData(rs, column);
  }

  @Override
  public boolean supportsExplicitQueryLimitPart() {
    return dialect.supportsExplicitQueryLimitPart();
  }

  @Override
  public String getQueryLimitPart(int limit) {
    return dialect.getQueryLimitPart(limit);
  }
}
