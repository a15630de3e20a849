package dev.gcjobs.tables;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.function.LongConsumer;
import java.util.zip.GZIPInputStream;

/**
 * Loads an NDJSON file of records (plain, or gzip when its name ends in {@code .gz}) into a {@link
 * TableDestination}, one record at a time, committing every {@link #RECORDS_PER_BATCH} records.
 * Memory stays flat: one batch at most is held.
 */
public final class NdjsonLoad {
  /** Large enough that the per-batch statements cost little, small enough to hold in memory. */
  public static final int RECORDS_PER_BATCH = 5_000;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path file;
  private final RecordKind kind;
  private final LongConsumer bytesRead;

  /**
   * @param kind the kind of the records, or null to tell from the first record
   * @param bytesRead told the number of the file's bytes read so far, now and then
   */
  public NdjsonLoad(Path file, RecordKind kind, LongConsumer bytesRead) {
    this.file = file;
    this.kind = kind;
    this.bytesRead = bytesRead;
  }

  /**
   * Reads the file into {@code destination}, which this opens; the caller closes it.
   *
   * @throws TablesException (subject {@code INPUT}) when the file cannot be read or a line is not a
   *     record; the batches before it are written, the one it is in is not
   */
  public LoadResult into(TableDestination destination) {
    try (InputStream in = open();
        BufferedReader lines =
            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16)) {
      return load(lines, destination);
    } catch (IOException e) {
      throw input("cannot read (" + e.getMessage() + ")", e);
    }
  }

  private LoadResult load(BufferedReader lines, TableDestination destination) throws IOException {
    UnknownFields unknown = new UnknownFields();
    Flattener flattener = null;
    RecordKind loading = kind;
    LoadCounts counts = LoadCounts.NONE;
    long lineNumber = 0;
    for (String line = lines.readLine(); line != null; line = lines.readLine()) {
      lineNumber++;
      if (line.isBlank()) {
        continue;
      }
      JsonNode record = parse(line, lineNumber);
      RecordKind found = RecordKind.of(record);
      if (flattener == null) {
        loading = loading != null ? loading : found;
        if (loading == null) {
          throw input(
              "line "
                  + lineNumber
                  + ": neither a conversation (conversationId) nor a user record (userId)",
              null);
        }
        destination.open(TableMapping.of(loading));
        flattener = new Flattener(TableMapping.of(loading), unknown);
      }
      if (found != loading) {
        throw input(
            "line "
                + lineNumber
                + ": not a "
                + loading.cliName()
                + " record (it has no "
                + loading.idField()
                + ")",
            null);
      }
      try {
        destination.add(flattener.flatten(record, line));
      } catch (IllegalArgumentException e) {
        throw input("line " + lineNumber + ": " + e.getMessage(), e);
      }
      if (destination.pending() >= RECORDS_PER_BATCH) {
        counts = counts.plus(destination.commit());
      }
    }
    if (flattener == null) {
      throw input("no records in it", null);
    }
    counts = counts.plus(destination.commit());
    return new LoadResult(loading, counts, unknown.byPath());
  }

  private JsonNode parse(String line, long lineNumber) {
    JsonNode record;
    try {
      record = JSON.readTree(line);
    } catch (JsonProcessingException e) {
      throw input(
          "line "
              + lineNumber
              + ": not JSON ("
              + e.getOriginalMessage().lines().findFirst().orElse("")
              + ")",
          e);
    }
    if (record == null || !record.isObject()) {
      throw input("line " + lineNumber + ": not a JSON object", null);
    }
    return record;
  }

  private InputStream open() throws IOException {
    InputStream raw;
    try {
      raw = new Counting(Files.newInputStream(file), bytesRead);
    } catch (NoSuchFileException e) {
      throw input("no such file", e);
    }
    return file.getFileName().toString().endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw;
  }

  private TablesException input(String what, Throwable cause) {
    return new TablesException(TablesException.Subject.INPUT, file + ": " + what, cause);
  }

  /** Tells how many bytes were read, every time a read returns. */
  private static final class Counting extends FilterInputStream {
    private final LongConsumer bytesRead;
    private long total;

    Counting(InputStream in, LongConsumer bytesRead) {
      super(in);
      this.bytesRead = bytesRead;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        bytesRead.accept(++total);
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = super.read(buffer, offset, length);
      if (n > 0) {
        total += n;
        bytesRead.accept(total);
      }
      return n;
    }
  }
}
