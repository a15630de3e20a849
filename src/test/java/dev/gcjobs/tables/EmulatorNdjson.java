package dev.gcjobs.tables;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gcjobs.emulator.EmulatedRecord;
import dev.gcjobs.emulator.LakeChanges;
import dev.gcjobs.emulator.SyntheticAnalyticsData;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Set;

/**
 * NDJSON exports written straight from the emulator's synthetic data lake (no HTTP, no engine): the
 * records a conversation or user details job over the same days returns, each once.
 */
public final class EmulatorNdjson {
  /** Later than every day written, so every conversation has ended. */
  public static final Instant NOW = Instant.parse("2024-07-01T00:00:00Z");

  private static final ObjectMapper JSON = new ObjectMapper();

  private EmulatorNdjson() {}

  /** {@code days} days of conversations ending on 2024-06-30, {@code perDay} a day. */
  public static Path conversations(Path file, int days, int perDay) {
    SyntheticAnalyticsData lake = lake(perDay);
    Set<String> seen = new HashSet<>();
    try (OutputStream out = Files.newOutputStream(file)) {
      for (int d = days; d > 0; d--) {
        Instant start = NOW.minus(Duration.ofDays(d));
        String query =
            "{\"interval\":\""
                + start
                + "/"
                + start.plus(Duration.ofDays(1))
                + "\",\"order\":\"asc\"}";
        for (EmulatedRecord r : lake.conversations(JSON.readTree(query))) {
          if (seen.add(r.id())) {
            out.write(r.json());
            out.write('\n');
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }

  /** The user details of {@code days} days ending on 2024-06-30, one record per user. */
  public static Path users(Path file, int days) {
    Instant start = NOW.minus(Duration.ofDays(days));
    String query = "{\"interval\":\"" + start + "/" + NOW + "\"}";
    try (OutputStream out = Files.newOutputStream(file)) {
      for (EmulatedRecord r : lake(100).userDetails(JSON.readTree(query))) {
        out.write(r.json());
        out.write('\n');
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }

  private static SyntheticAnalyticsData lake(int perDay) {
    return new SyntheticAnalyticsData(
        SyntheticAnalyticsData.DEFAULT_SEED,
        perDay,
        SyntheticAnalyticsData.DEFAULT_USERS,
        Clock.fixed(NOW, ZoneOffset.UTC),
        Duration.ZERO,
        LakeChanges.NONE);
  }
}
