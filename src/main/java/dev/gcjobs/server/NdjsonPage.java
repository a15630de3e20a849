package dev.gcjobs.server;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One page of an NDJSON file: up to {@code limit} non-blank lines from a byte offset at a line
 * boundary, and the offset of the next page.
 *
 * @param lines the lines, without their line ends
 * @param nextOffset where the next page starts, or -1 when this page reaches the end
 */
record NdjsonPage(List<byte[]> lines, long nextOffset) {
  private static final int BUFFER_BYTES = 64 * 1024;

  /** Thrown when an offset does not fall on a line boundary of the file. */
  static final class NotALineBoundary extends Exception {
    NotALineBoundary() {
      super(null, null, false, false);
    }
  }

  /**
   * Reads a page.
   *
   * @param offset 0, or an offset just after a line end
   * @param limit at most this many lines
   * @param maxBytes stop after the line that reaches this many bytes (a page has at least one line)
   */
  static NdjsonPage read(Path file, long offset, int limit, long maxBytes)
      throws IOException, NotALineBoundary {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = channel.size();
      if (offset > size || (offset > 0 && byteAt(channel, offset - 1) != '\n')) {
        throw new NotALineBoundary();
      }
      channel.position(offset);
      InputStream in = new BufferedInputStream(Channels.newInputStream(channel), BUFFER_BYTES);
      List<byte[]> lines = new ArrayList<>();
      long position = offset;
      long pageBytes = 0;
      ByteArrayOutputStream line = new ByteArrayOutputStream();
      while (lines.size() < limit && pageBytes < maxBytes && position < size) {
        line.reset();
        int b;
        while ((b = in.read()) != -1) {
          position++;
          if (b == '\n') {
            break;
          }
          line.write(b);
        }
        byte[] bytes = trimmed(line.toByteArray());
        if (bytes.length > 0) {
          lines.add(bytes);
          pageBytes += bytes.length;
        }
      }
      return new NdjsonPage(List.copyOf(lines), position < size ? position : -1);
    }
  }

  private static int byteAt(FileChannel channel, long position) throws IOException {
    ByteBuffer one = ByteBuffer.allocate(1);
    channel.read(one, position);
    return one.get(0);
  }

  private static byte[] trimmed(byte[] line) {
    int end = line.length;
    while (end > 0 && (line[end - 1] == '\r' || line[end - 1] == ' ' || line[end - 1] == '\t')) {
      end--;
    }
    int start = 0;
    while (start < end && (line[start] == ' ' || line[start] == '\t')) {
      start++;
    }
    return start == 0 && end == line.length ? line : Arrays.copyOfRange(line, start, end);
  }
}
