package dev.gcjobs.store;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/** The PostgreSQL tests skip, saying why, where there is no PostgreSQL, except in CI: they fail. */
@Tag("unit")
class PostgresTestDatabaseTest {
  @Test
  void withoutPostgresqlATestIsSkippedSayingWhyAndHowToMakeItFail() throws Exception {
    String nowhere = nowhere();

    assertThatThrownBy(() -> PostgresTestDatabase.create(nowhere, Map.of()))
        .isInstanceOf(TestAbortedException.class)
        .hasMessageStartingWith("PostgreSQL is not reachable at " + nowhere)
        .hasMessageEndingWith("; skipping (set CI=true to make this a failure)");
  }

  @Test
  void withoutPostgresqlInCiATestFails() throws Exception {
    String nowhere = nowhere();

    assertThatThrownBy(() -> PostgresTestDatabase.create(nowhere, Map.of("CI", "true")))
        .isInstanceOf(AssertionFailedError.class)
        .hasMessageStartingWith("PostgreSQL is not reachable at " + nowhere)
        .hasMessageEndingWith("; CI=true, so this is a failure");
  }

  /** A JDBC URL of a port on which nothing listens. */
  private static String nowhere() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return "jdbc:postgresql://127.0.0.1:" + socket.getLocalPort() + "/test";
    }
  }
}
