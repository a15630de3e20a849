package dev.gcjobs.sink;

import java.io.BufferedOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Joins an export's part files, in chunk order, into its output and writes the manifest.
 *
 * <p>A file output is written to a temporary file in the same directory, fsynced and renamed over
 * the output in one step, so readers see either the old file or the complete new one, never a
 * partial file; the manifest follows the same way. Parts are copied as they are: gzip members
 * concatenate into one valid gzip stream. A stream output ({@code -o -}) receives plain NDJSON,
 * gzip parts decompressed on the way; no manifest file is written for it, the returned {@link
 * Manifest} describes what was streamed.
 */
public final class OutputAssembler {
  private static final int BUFFER_SIZE = 64 * 1024;

  private OutputAssembler() {}

  /**
   * Writes the output.
   *
   * @param target where the records go
   * @param exportId the export's id, for the manifest
   * @param kind what was exported, for the manifest
   * @param intervalStart the export's interval start
   * @param intervalEnd the export's interval end
   * @param parts every chunk's part file, in any order (joined by seq)
   * @param createdAt the manifest's creation time
   * @return the manifest, also written to {@link OutputTarget#manifestFile()} for file outputs
   * @throws SinkException when a part is missing, shorter than its checkpoint or of the wrong
   *     compression, or the output cannot be written
   */
  public static Manifest assemble(
      OutputTarget target,
      String exportId,
      String kind,
      Instant intervalStart,
      Instant intervalEnd,
      List<PartFile> parts,
      Instant createdAt) {
    List<PartFile> ordered = new ArrayList<>(parts);
    ordered.sort(Comparator.comparingInt(PartFile::seq));
    for (PartFile part : ordered) {
      checkPart(part, target);
    }
    Written written =
        target.isStream() ? streamTo(target.stream(), ordered) : writeFile(target, ordered);
    List<Manifest.Chunk> chunks = new ArrayList<>();
    long records = 0;
    for (int i = 0; i < ordered.size(); i++) {
      PartFile part = ordered.get(i);
      records += part.checkpoint().records();
      chunks.add(
          new Manifest.Chunk(
              part.seq(),
              part.intervalStart() + "/" + part.intervalEnd(),
              part.checkpoint().records(),
              written.chunkBytes().get(i)));
    }
    Manifest manifest =
        new Manifest(
            exportId,
            kind,
            intervalStart + "/" + intervalEnd,
            target.toString(),
            "ndjson",
            target.gzip() ? "gzip" : "none",
            records,
            written.bytes(),
            written.sha256(),
            createdAt,
            chunks);
    if (!target.isStream()) {
      replaceAtomically(target.manifestFile(), out -> out.write(manifest.toJson()));
    }
    return manifest;
  }

  /** What was written: total bytes, their SHA-256, and each part's share. */
  private record Written(long bytes, String sha256, List<Long> chunkBytes) {}

  private static void checkPart(PartFile part, OutputTarget target) {
    long size;
    try {
      size = Files.size(part.path());
    } catch (IOException e) {
      throw new SinkException(
          "part file " + part.path() + " of chunk " + part.seq() + " is missing: " + e.getMessage(),
          e);
    }
    if (size < part.checkpoint().bytes()) {
      throw new SinkException(
          "part file "
              + part.path()
              + " has "
              + size
              + " bytes, fewer than the "
              + part.checkpoint().bytes()
              + " of its checkpoint: it was changed outside gcjobs");
    }
    // A file output is a plain copy, so compressions must match; a stream decompresses as needed.
    if (!target.isStream() && part.checkpoint().bytes() > 0 && isGzip(part) != target.gzip()) {
      throw new SinkException(
          "part file "
              + part.path()
              + (target.gzip()
                  ? " is not gzip but the output is"
                  : " is gzip but the output is plain"));
    }
  }

  private static boolean isGzip(PartFile part) {
    try (InputStream in = Files.newInputStream(part.path())) {
      return in.read() == 0x1f && in.read() == 0x8b;
    } catch (IOException e) {
      throw new SinkException("cannot read part file " + part.path() + ": " + e.getMessage(), e);
    }
  }

  private static Written writeFile(OutputTarget target, List<PartFile> parts) {
    MessageDigest sha256 = sha256();
    List<Long> chunkBytes = new ArrayList<>();
    replaceAtomically(
        target.file(),
        file -> {
          OutputStream out =
              new DigestOutputStream(new BufferedOutputStream(file, BUFFER_SIZE), sha256);
          long total = 0;
          for (PartFile part : parts) {
            try (InputStream in = checkpointed(part)) {
              long copied = in.transferTo(out);
              chunkBytes.add(copied);
              total += copied;
            }
          }
          if (target.gzip() && total == 0) {
            // No records at all: one empty gzip member keeps the file a valid gzip stream.
            new GZIPOutputStream(new NonClosingOutputStream(out)).close();
          }
          out.flush();
        });
    return new Written(sizeOf(target.file()), hex(sha256), chunkBytes);
  }

  private static Written streamTo(OutputStream stream, List<PartFile> parts) {
    MessageDigest sha256 = sha256();
    List<Long> chunkBytes = new ArrayList<>();
    long total = 0;
    try {
      OutputStream out = new DigestOutputStream(new NonClosingOutputStream(stream), sha256);
      for (PartFile part : parts) {
        try (InputStream in = plain(part)) {
          long copied = in.transferTo(out);
          chunkBytes.add(copied);
          total += copied;
        }
      }
      out.flush();
    } catch (IOException e) {
      throw new SinkException("cannot write the output stream: " + e.getMessage(), e);
    }
    return new Written(total, hex(sha256), chunkBytes);
  }

  /** The part's bytes up to its checkpoint, decompressed if they are gzip. */
  private static InputStream plain(PartFile part) throws IOException {
    InputStream in = checkpointed(part);
    if (part.checkpoint().bytes() > 0 && isGzip(part)) {
      return new GZIPInputStream(in, BUFFER_SIZE); // reads every concatenated member
    }
    return in;
  }

  private static InputStream checkpointed(PartFile part) throws IOException {
    return new Limited(Files.newInputStream(part.path()), part.checkpoint().bytes());
  }

  /** Writes {@code path} through a temporary sibling, fsync and an atomic rename. */
  private static void replaceAtomically(Path path, Body body) {
    Path dir = path.toAbsolutePath().normalize().getParent();
    Path temp = null;
    try {
      // Not createTempFile: its owner-only permissions would stay on the output after the rename;
      // a plain new file gets the user's umask like any file they write.
      temp = dir.resolve("." + path.getFileName() + "." + UUID.randomUUID() + ".tmp");
      try (OutputStream out = Files.newOutputStream(temp, StandardOpenOption.CREATE_NEW)) {
        body.write(out);
      }
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        channel.force(true);
      }
      Files.move(temp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      FileSync.directory(dir);
    } catch (IOException e) {
      deleteQuietly(temp);
      throw new SinkException("cannot write " + path + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      deleteQuietly(temp);
      throw e;
    }
  }

  /** Writes a file's content. */
  @FunctionalInterface
  private interface Body {
    void write(OutputStream out) throws IOException;
  }

  private static void deleteQuietly(Path temp) {
    if (temp != null) {
      try {
        Files.deleteIfExists(temp);
      } catch (IOException ignored) {
        // The write already failed; that error is the one to report.
      }
    }
  }

  private static long sizeOf(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw new SinkException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  private static String hex(MessageDigest digest) {
    return HexFormat.of().formatHex(digest.digest());
  }

  /** Reads at most {@code limit} bytes: the part up to its checkpoint. */
  private static final class Limited extends FilterInputStream {
    private long remaining;

    Limited(InputStream in, long limit) {
      super(in);
      this.remaining = limit;
    }

    @Override
    public int read() throws IOException {
      if (remaining <= 0) {
        return -1;
      }
      int b = in.read();
      if (b >= 0) {
        remaining--;
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (remaining <= 0) {
        return -1;
      }
      int n = in.read(b, off, (int) Math.min(len, remaining));
      if (n > 0) {
        remaining -= n;
      }
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      long skipped = in.skip(Math.min(n, remaining));
      remaining -= skipped;
      return skipped;
    }

    @Override
    public int available() throws IOException {
      return (int) Math.min(in.available(), remaining);
    }
  }
}
