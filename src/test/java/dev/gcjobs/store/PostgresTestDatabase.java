package dev.gcjobs.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * A fresh, empty PostgreSQL schema on 127.0.0.1:5432 (database {@code test}, trust auth, user
 * {@code postgres} or {@code root}) for one test; {@link #close()} drops it. When PostgreSQL is
 * unreachable the test is skipped with a message, except with {@code CI=true}, where it fails.
 */
public final class PostgresTestDatabase implements AutoCloseable {
  private static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/test";
  private static final List<String> USERS = List.of("postgres", "root");

  private final String serverUrl;
  private final String schema;

  private PostgresTestDatabase(String serverUrl, String schema) {
    this.serverUrl = serverUrl;
    this.schema = schema;
  }

  /** Creates a schema with a unique name, or skips/fails the calling test as described above. */
  public static PostgresTestDatabase create() {
    return create(SERVER, System.getenv());
  }

  /** As {@link #create()}, for the server at {@code server} and the environment {@code env}. */
  static PostgresTestDatabase create(String server, Map<String, String> env) {
    DriverManager.setLoginTimeout(3);
    SQLException last = null;
    for (String user : USERS) {
      String serverUrl = server + "?user=" + user;
      try (Connection c = DriverManager.getConnection(serverUrl);
          Statement s = c.createStatement()) {
        String schema =
            "gcjobs_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        s.execute("CREATE SCHEMA " + schema);
        return new PostgresTestDatabase(serverUrl, schema);
      } catch (SQLException e) {
        last = e;
      }
    }
    String why =
        "PostgreSQL is not reachable at " + server + " (users " + USERS + "): " + last.getMessage();
    if ("true".equalsIgnoreCase(env.get("CI"))) {
      Assertions.fail(why + "; CI=true, so this is a failure");
    }
    Assumptions.abort(why + "; skipping (set CI=true to make this a failure)");
    throw new AssertionError("unreachable");
  }

  /** The JDBC URL of the schema. */
  public String url() {
    return serverUrl + "&currentSchema=" + schema;
  }

  /** The schema's name. */
  public String schema() {
    return schema;
  }

  /** Drops the schema and everything in it. */
  @Override
  public void close() throws SQLException {
    try (Connection c = DriverManager.getConnection(serverUrl);
        Statement s = c.createStatement()) {
      s.execute("DROP SCHEMA " + schema + " CASCADE");
    }
  }
}
