package dev.gcjobs.sink;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * What an export's output holds, written beside it as {@code <output>.manifest.json}: enough to
 * check the file ({@code sha256sum}) and to see what each chunk contributed.
 *
 * @param exportId the export's id
 * @param kind what was exported, e.g. {@code conversations}
 * @param interval the export's interval, ISO-8601 {@code start/end}
 * @param complete whether the data is complete over the whole interval (Genesys' data lake is
 *     complete only up to its availability)
 * @param completeUntil up to when the data is complete: the interval's end when it all is
 * @param output the output file, or {@code -} for stdout
 * @param format always {@code ndjson}: one JSON record per line
 * @param compression {@code gzip} or {@code none}
 * @param records total records
 * @param bytes the output's length in bytes
 * @param sha256 hex SHA-256 of the output's bytes as written (compressed for {@code .gz})
 * @param createdAt when the output was assembled
 * @param chunks what each chunk contributed, in output order
 */
@JsonPropertyOrder({
  "exportId",
  "kind",
  "interval",
  "complete",
  "completeUntil",
  "output",
  "format",
  "compression",
  "records",
  "bytes",
  "sha256",
  "createdAt",
  "chunks"
})
public record Manifest(
    String exportId,
    String kind,
    String interval,
    boolean complete,
    Instant completeUntil,
    String output,
    String format,
    String compression,
    long records,
    long bytes,
    String sha256,
    Instant createdAt,
    List<Chunk> chunks) {

  private static final ObjectMapper JSON =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .enable(SerializationFeature.INDENT_OUTPUT);

  /** Copies the chunk list. */
  public Manifest {
    chunks = List.copyOf(chunks);
  }

  /**
   * One chunk's share of the output.
   *
   * @param seq the chunk's position
   * @param interval its interval, ISO-8601 {@code start/end}
   * @param records records it contributed
   * @param bytes bytes it contributed to the output
   */
  @JsonPropertyOrder({"seq", "interval", "records", "bytes"})
  public record Chunk(int seq, String interval, long records, long bytes) {}

  /** The manifest as pretty-printed JSON. */
  public byte[] toJson() {
    try {
      return JSON.writeValueAsBytes(this);
    } catch (IOException e) {
      throw new IllegalStateException("a manifest is always serializable", e);
    }
  }

  /** Reads a manifest file. */
  public static Manifest read(Path file) {
    try {
      return JSON.readValue(file.toFile(), Manifest.class);
    } catch (IOException e) {
      throw new SinkException("cannot read manifest " + file + ": " + e.getMessage(), e);
    }
  }
}
