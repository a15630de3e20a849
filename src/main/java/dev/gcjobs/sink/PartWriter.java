package dev.gcjobs.sink;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/**
 * Appends result pages to one chunk's part file, one record per line exactly as Genesys sent it.
 *
 * <p>Crash safety: {@link #open} cuts the file back to the last checkpoint the store knows, so
 * whatever a killed process wrote after it disappears and is fetched again. {@link #checkpoint()}
 * makes everything written so far durable (fsync) and returns the new checkpoint, which the engine
 * saves in the chunk row only then. With gzip each page is its own gzip member: members concatenate
 * into one valid gzip stream, and every checkpoint falls on a member boundary.
 *
 * <p>Not thread-safe: one writer per part file.
 */
public final class PartWriter implements Closeable {
  private static final int BUFFER_SIZE = 64 * 1024;

  private final Path path;
  private final FileChannel channel;
  private final OutputStream out;
  private final boolean gzip;
  private long records;
  private boolean directoryNeedsSync;
  private boolean closed;

  private PartWriter(Path path, FileChannel channel, boolean gzip, long records, boolean created) {
    this.path = path;
    this.channel = channel;
    this.out = new BufferedOutputStream(Channels.newOutputStream(channel), BUFFER_SIZE);
    this.gzip = gzip;
    this.records = records;
    this.directoryNeedsSync = created;
  }

  /**
   * Opens a part file at a checkpoint, creating it (and its directory) if missing and cutting off
   * anything after the checkpoint.
   *
   * @param part the part file, e.g. from {@link PartDirectory#part(int, boolean)}
   * @param from the last checkpoint saved for the chunk; {@link PartCheckpoint#EMPTY} for a new one
   * @param gzip whether pages are written as gzip members
   * @throws SinkException when the file is shorter than the checkpoint (it was changed outside
   *     gcjobs) or cannot be opened
   */
  public static PartWriter open(Path part, PartCheckpoint from, boolean gzip) {
    FileChannel channel = null;
    try {
      Path dir = part.toAbsolutePath().getParent();
      Files.createDirectories(dir);
      boolean created = !Files.exists(part);
      channel = FileChannel.open(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      long size = channel.size();
      if (size < from.bytes()) {
        throw new SinkException(
            "part file "
                + part
                + " has "
                + size
                + " bytes, fewer than the "
                + from.bytes()
                + " of its last checkpoint: it was changed outside gcjobs");
      }
      channel.truncate(from.bytes());
      channel.position(from.bytes());
      return new PartWriter(part, channel, gzip, from.records(), created);
    } catch (IOException e) {
      closeQuietly(channel);
      throw new SinkException("cannot open part file " + part + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      closeQuietly(channel);
      throw e;
    }
  }

  /**
   * Appends one page: each record followed by a newline, bytes untouched. With gzip the page is one
   * gzip member; an empty page writes nothing.
   *
   * @throws IllegalArgumentException when a record is empty or contains a line break (it would not
   *     be one NDJSON line); nothing of the page is written then
   */
  public void writePage(List<byte[]> page) {
    ensureOpen();
    for (byte[] record : page) {
      checkOneLine(record);
    }
    if (page.isEmpty()) {
      return;
    }
    try {
      if (gzip) {
        // Closing the member's stream finishes it (trailer) without closing the file.
        try (GZIPOutputStream member =
            new GZIPOutputStream(new NonClosingOutputStream(out), BUFFER_SIZE)) {
          writeLines(member, page);
        }
      } else {
        writeLines(out, page);
      }
    } catch (IOException e) {
      throw new SinkException("cannot write part file " + path + ": " + e.getMessage(), e);
    }
    records += page.size();
  }

  private static void writeLines(OutputStream target, List<byte[]> page) throws IOException {
    for (byte[] record : page) {
      target.write(record);
      target.write('\n');
    }
  }

  private static void checkOneLine(byte[] record) {
    if (record.length == 0) {
      throw new IllegalArgumentException("a record is empty; NDJSON needs one JSON value per line");
    }
    for (byte b : record) {
      if (b == '\n' || b == '\r') {
        throw new IllegalArgumentException(
            "a record contains a line break; write it in compact JSON (one line per record)");
      }
    }
  }

  /**
   * Flushes and fsyncs everything written so far.
   *
   * @return the new checkpoint, to save in the chunk row now that it is durable
   */
  public PartCheckpoint checkpoint() {
    ensureOpen();
    try {
      out.flush();
      channel.force(false);
      if (directoryNeedsSync) {
        // A new file's directory entry must be durable too, or the file can vanish in a crash.
        FileSync.directory(path.toAbsolutePath().getParent());
        directoryNeedsSync = false;
      }
      return new PartCheckpoint(channel.position(), records);
    } catch (IOException e) {
      throw new SinkException("cannot sync part file " + path + ": " + e.getMessage(), e);
    }
  }

  /** Flushes and closes the file without a checkpoint: unsaved pages are cut off on reopen. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      out.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot close part file " + path, e);
    }
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("part writer for " + path + " is closed");
    }
  }

  private static void closeQuietly(FileChannel channel) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException ignored) {
        // Already failing; the first error is the one to report.
      }
    }
  }
}
