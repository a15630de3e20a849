package dev.gcjobs.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The default store, an H2 file in the state directory, as separate processes see it. */
@Tag("process")
class H2FileStoreTest {
  @TempDir Path stateDir;

  @Test
  void createsTheStateDirectoryAndTheDatabaseFileOnFirstOpen() {
    Path nested = stateDir.resolve("a/b");
    try (Database db = Database.open(Database.h2FileUrl(nested))) {
      assertThat(db.exports().countByState()).containsEntry(ExportState.RUNNING, 0L);
    }
    assertThat(nested.resolve("gcjobs.mv.db")).isRegularFile();
  }

  @Test
  void keepsEveryCommitOfAProcessKilledWithSigkillAndRefusesASecondProcessMeanwhile()
      throws Exception {
    String url = Database.h2FileUrl(stateDir);
    int commits = 200;
    Process child =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                H2StoreChild.class.getName(),
                url,
                String.valueOf(commits))
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      assertThat(nextLine(out, child)).isEqualTo("open");
      assertThatThrownBy(() -> Database.open(url))
          .isInstanceOf(StoreException.class)
          .hasMessageContaining("in use by another gcjobs process")
          .extracting(e -> ((StoreException) e).setting())
          .isEqualTo(StoreException.Setting.DATABASE);
      child.getOutputStream().write("go\n".getBytes(StandardCharsets.UTF_8));
      child.getOutputStream().flush();

      assertThat(nextLine(out, child)).isEqualTo("committed " + commits);
      // SIGKILL right after the last commit returned: no shutdown hook, no close, no flush.
      child.destroyForcibly();
      assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
    } finally {
      child.destroyForcibly();
    }
    assertThat(Files.exists(stateDir.resolve("gcjobs.mv.db"))).isTrue();

    try (Database db = Database.open(url)) {
      assertThat(db.exports().list(Set.of(), 100_000, null).exports()).hasSize(commits);
    }
  }

  /** The child's next line; a child that says nothing for a minute is killed and fails the test. */
  private static String nextLine(BufferedReader out, Process child) throws Exception {
    CompletableFuture<String> line =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return out.readLine();
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });
    try {
      return line.get(1, TimeUnit.MINUTES);
    } catch (TimeoutException e) {
      child.destroyForcibly(); // ends the blocked read too
      throw new AssertionError("the child process printed no line within a minute");
    }
  }
}
