package dev.gcjobs.tables;

import dev.gcjobs.sink.Manifest;
import dev.gcjobs.sink.OutputTarget;
import dev.gcjobs.sink.PartCheckpoint;
import dev.gcjobs.sink.PartFile;
import dev.gcjobs.sink.SavedPart;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/**
 * The files of a finished export as the engine leaves them, written from lines: each chunk's gzip
 * part (one gzip member a page), and the output joining them with its manifest.
 */
public final class ChunkedExport {
  private static final Instant T = Instant.parse("2024-06-01T00:00:00Z");

  private final List<List<byte[]>> pages = new ArrayList<>();
  private final List<Path> partFiles = new ArrayList<>();
  private final Path output;

  /**
   * Writes the parts of {@code chunks} (per chunk, its pages; per page, its lines) and the output
   * {@code x.ndjson.gz} in {@code dir}.
   */
  public ChunkedExport(Path dir, List<List<List<String>>> chunks) throws IOException {
    this.output = dir.resolve("x.ndjson.gz");
    for (int seq = 0; seq < chunks.size(); seq++) {
      List<byte[]> gz = new ArrayList<>();
      for (List<String> page : chunks.get(seq)) {
        gz.add(gzip(page));
      }
      pages.add(gz);
      Path part = dir.resolve("part-" + seq + ".ndjson.gz");
      Files.write(part, concat(gz));
      partFiles.add(part);
    }
    writeOutput(pages);
  }

  public Path output() {
    return output;
  }

  public Path part(int seq) {
    return partFiles.get(seq);
  }

  /** Chunk {@code seq}'s pages, as gzip members. */
  public List<byte[]> pages(int seq) {
    return pages.get(seq);
  }

  /** Chunk {@code seq} with its first {@code pageCount} pages saved, by its first run. */
  public SavedPart saved(int seq, int pageCount, boolean done) {
    return saved(seq, pageCount, "job-" + seq, done);
  }

  /** Chunk {@code seq} with its first {@code pageCount} pages saved, by the run {@code run}. */
  public SavedPart saved(int seq, int pageCount, String run, boolean done) {
    return new SavedPart(
        new PartFile(
            seq,
            T,
            T.plusSeconds(1),
            partFiles.get(seq),
            new PartCheckpoint(bytes(seq, pageCount), 0)),
        run,
        done);
  }

  /** The bytes of chunk {@code seq}'s first {@code pageCount} pages. */
  public long bytes(int seq, int pageCount) {
    return pages.get(seq).subList(0, pageCount).stream().mapToLong(p -> p.length).sum();
  }

  /** Writes the output joining {@code chunks}' pages (gzip members), and its manifest. */
  public void writeOutput(List<List<byte[]>> chunks) throws IOException {
    List<Manifest.Chunk> manifest = new ArrayList<>();
    try (OutputStream joined = Files.newOutputStream(output)) {
      for (int seq = 0; seq < chunks.size(); seq++) {
        byte[] part = concat(chunks.get(seq));
        manifest.add(new Manifest.Chunk(seq, T + "/" + T, 0, part.length));
        joined.write(part);
      }
    }
    Manifest written =
        new Manifest(
            "e1",
            "conversations",
            T + "/" + T,
            true,
            T,
            output.toString(),
            "ndjson",
            "gzip",
            0,
            Files.size(output),
            "",
            T,
            manifest);
    Files.write(OutputTarget.parse(output.toString()).manifestFile(), written.toJson());
  }

  /** Replaces chunk {@code seq}'s part with {@code newPages}, as a run from its start would. */
  public void rewritePart(int seq, List<byte[]> newPages) throws IOException {
    Files.write(partFiles.get(seq), concat(newPages));
  }

  static byte[] concat(List<byte[]> parts) {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    parts.forEach(all::writeBytes);
    return all.toByteArray();
  }

  static byte[] gzip(List<String> lines) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (OutputStream gz = new GZIPOutputStream(bytes)) {
      for (String line : lines) {
        gz.write((line + "\n").getBytes(StandardCharsets.UTF_8));
      }
    }
    return bytes.toByteArray();
  }
}
