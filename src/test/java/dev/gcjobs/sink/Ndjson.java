package dev.gcjobs.sink;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/** Test data and readers for NDJSON files. */
final class Ndjson {
  private Ndjson() {}

  /** A page of {@code count} records, numbered from {@code first}, with non-ASCII text. */
  static List<byte[]> page(int first, int count) {
    List<byte[]> page = new ArrayList<>();
    for (int i = first; i < first + count; i++) {
      page.add(
          ("{\"conversationId\":\"c-"
                  + i
                  + "\",\"note\":\"Zoë \\\"q\\\" \\u00e9\",\"n\":"
                  + i
                  + "}")
              .getBytes(StandardCharsets.UTF_8));
    }
    return page;
  }

  /** The lines {@code pages} should produce. */
  static List<String> lines(List<List<byte[]>> pages) {
    List<String> lines = new ArrayList<>();
    for (List<byte[]> page : pages) {
      for (byte[] record : page) {
        lines.add(new String(record, StandardCharsets.UTF_8));
      }
    }
    return lines;
  }

  /** The file's lines, decompressed with the JDK's reader if it is gzip; an empty part has none. */
  static List<String> read(Path file, boolean gzip) throws IOException {
    if (Files.size(file) == 0) {
      return List.of();
    }
    try (InputStream in =
        gzip ? new GZIPInputStream(Files.newInputStream(file)) : Files.newInputStream(file)) {
      return linesOf(in.readAllBytes());
    }
  }

  static List<String> linesOf(byte[] bytes) {
    String text = new String(bytes, StandardCharsets.UTF_8);
    if (text.isEmpty()) {
      return List.of();
    }
    if (!text.endsWith("\n")) {
      throw new AssertionError("NDJSON must end with a newline");
    }
    return List.of(text.substring(0, text.length() - 1).split("\n", -1));
  }

  /** Runs a command and returns its stdout; fails the test on a non-zero exit. */
  static byte[] run(String... command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    process.getInputStream().transferTo(out);
    int exit = process.waitFor();
    if (exit != 0) {
      throw new AssertionError(String.join(" ", command) + " exited " + exit + ": " + out);
    }
    return out.toByteArray();
  }
}
