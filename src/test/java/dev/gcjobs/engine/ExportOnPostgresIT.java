package dev.gcjobs.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gcjobs.store.PostgresTestDatabase;
import dev.gcjobs.testing.Deadline;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine on the PostgreSQL store: the same export, the same exactly-once output. */
@Tag("emulator")
@Tag("postgres")
class ExportOnPostgresIT {
  @TempDir Path dir;

  @Test
  void exportsEveryConversationExactlyOnceWithThePostgresStore() throws Exception {
    try (PostgresTestDatabase pg = PostgresTestDatabase.create();
        ExportFixture f = new ExportFixture(dir, ExportFixture.quickEmulator(), pg.url())) {
      ExportRequest request =
          ExportRequest.builder()
              .interval("2024-05-01/2024-05-03")
              .chunkSize(Duration.ofHours(6))
              .pageSize(50)
              .output(dir.resolve("out.ndjson").toString())
              .build();

      ExportStatus status = f.run(request);

      assertThat(status.state()).isEqualTo(ExportStatus.State.DONE);
      List<String> ids =
          ExportFixture.ids(ExportFixture.records(request.output().file()), "conversationId");
      assertThat(ids).doesNotHaveDuplicates();
      assertThat(ids).containsExactlyInAnyOrderElementsOf(f.groundTruth(request));
    }
  }

  @Test
  void resumesInANewEngineOnPostgres() throws Exception {
    try (PostgresTestDatabase pg = PostgresTestDatabase.create();
        ExportFixture f = new ExportFixture(dir, ExportFixture.quickEmulator(), pg.url())) {
      ExportRequest request =
          ExportRequest.builder()
              .interval("2024-05-01/2024-05-02")
              .chunkSize(Duration.ofHours(6))
              .pageSize(5)
              .output(dir.resolve("out.ndjson.gz").toString())
              .build();
      String id = f.engine.exports().submit(request, null).id();
      Deadline deadline = Deadline.in(Duration.ofSeconds(60), "a chunk part-way through its pages");
      while (f.db.chunks().findByExport(id).stream()
          .noneMatch(c -> c.checkpoint().cursor() != null)) {
        deadline.check();
        if (!f.engine.runOneDueStep()) {
          Thread.sleep(10);
        }
      }
      f.engine.close();

      f.engine = f.newEngine();
      ExportStatus done = f.run(request);

      assertThat(done.id()).isEqualTo(id);
      assertThat(done.state()).isEqualTo(ExportStatus.State.DONE);
      List<String> ids =
          ExportFixture.ids(ExportFixture.records(request.output().file()), "conversationId");
      assertThat(ids).doesNotHaveDuplicates();
      assertThat(ids).containsExactlyInAnyOrderElementsOf(f.groundTruth(request));
    }
  }
}
