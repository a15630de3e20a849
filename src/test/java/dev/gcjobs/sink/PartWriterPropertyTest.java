package dev.gcjobs.sink;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Tag;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Crash-and-resume at any page gives the bytes of an uninterrupted run. */
@Tag("unit")
class PartWriterPropertyTest {
  @Property(tries = 60)
  void resumingAfterACrashAtAnyPointGivesTheUninterruptedBytes(
      @ForAll @Size(min = 1, max = 8) List<@IntRange(min = 0, max = 40) Integer> pageSizes,
      @ForAll @IntRange(min = 0, max = 8) int checkpointAfter,
      @ForAll @IntRange(min = 0, max = 8) int crashAfter,
      @ForAll boolean gzip)
      throws IOException {
    List<List<byte[]>> pages = new ArrayList<>();
    int next = 0;
    for (int size : pageSizes) {
      pages.add(Ndjson.page(next, size));
      next += size;
    }
    int saved = Math.min(checkpointAfter, pages.size());
    int crashed = Math.max(saved, Math.min(crashAfter, pages.size()));
    Path dir = Files.createTempDirectory("part-property");
    try {
      Path uninterrupted = dir.resolve("a");
      try (PartWriter writer = PartWriter.open(uninterrupted, PartCheckpoint.EMPTY, gzip)) {
        pages.forEach(writer::writePage);
        writer.checkpoint();
      }

      Path resumed = dir.resolve("b");
      PartCheckpoint checkpoint;
      try (PartWriter writer = PartWriter.open(resumed, PartCheckpoint.EMPTY, gzip)) {
        pages.subList(0, saved).forEach(writer::writePage);
        checkpoint = writer.checkpoint();
        pages.subList(saved, crashed).forEach(writer::writePage);
      }
      try (PartWriter writer = PartWriter.open(resumed, checkpoint, gzip)) {
        pages.subList(saved, pages.size()).forEach(writer::writePage);
        assertThat(writer.checkpoint().records()).isEqualTo(next);
      }

      assertThat(Files.readAllBytes(resumed)).isEqualTo(Files.readAllBytes(uninterrupted));
      assertThat(Ndjson.read(resumed, gzip)).isEqualTo(Ndjson.lines(pages));
    } finally {
      for (String name : List.of("a", "b")) {
        Files.deleteIfExists(dir.resolve(name));
      }
      Files.delete(dir);
    }
  }
}
