package dev.gcjobs.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ExportIdsTest {
  @Test
  void idsAreVersion7UuidsThatSortByCreationTime() {
    Instant t0 = Instant.parse("2026-11-28T10:00:00.123Z");
    String earlier = ExportIds.next(t0);
    String later = ExportIds.next(t0.plusMillis(1));

    UUID uuid = UUID.fromString(earlier);
    assertThat(uuid.version()).isEqualTo(7);
    assertThat(uuid.variant()).isEqualTo(2);
    assertThat(uuid.getMostSignificantBits() >>> 16).isEqualTo(t0.toEpochMilli());
    assertThat(later).isGreaterThan(earlier);
  }

  @Test
  void idsMadeInTheSameMillisecondDiffer() {
    Instant now = Instant.parse("2026-11-28T10:00:00Z");
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < 10_000; i++) {
      ids.add(ExportIds.next(now));
    }
    assertThat(ids).hasSize(10_000);
  }
}
