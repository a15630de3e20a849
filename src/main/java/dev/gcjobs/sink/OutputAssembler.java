package dev.gcjobs.sink;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Joins an export's part files, in chunk order, into its output and writes the manifest.
 *
 * <p>A file output is written to a temporary file in the same directory, fsynced and renamed over
 * the output in one step, so readers see either the old file or the complete new one, never a
 * partial file; the manifest follows the same way. Parts are copied as they are: gzip members
 * concatenate into one valid gzip stream. A stream output ({@code -o -}) receives plain NDJSON,
 * gzip parts decompressed on the way; no manifest file is written for it, the returned {@link
 * Manifest} describes what was streamed. An engine that builds a file output while the export runs
 * uses {@link IncrementalOutput}, which writes the same bytes.
 */
public final class OutputAssembler {
  private static final int BUFFER_SIZE = 64 * 1024;

  private OutputAssembler() {}

  /**
   * Writes the output.
   *
   * @param target where the records go
   * @param label what the output holds, for the manifest
   * @param parts every chunk's part file, in any order (joined by seq)
   * @param createdAt the manifest's creation time
   * @return the manifest, also written to {@link OutputTarget#manifestFile()} for file outputs
   * @throws SinkException when a part is missing, shorter than its checkpoint or of the wrong
   *     compression, or the output cannot be written
   */
  public static Manifest assemble(
      OutputTarget target, ExportLabel label, List<PartFile> parts, Instant createdAt) {
    List<PartFile> ordered = new ArrayList<>(parts);
    ordered.sort(Comparator.comparingInt(PartFile::seq));
    for (PartFile part : ordered) {
      part.checkFor(target);
    }
    if (target.isStream()) {
      return streamTo(target.stream(), ordered).manifest(target, label, createdAt);
    }
    return IncrementalOutput.once(target)
        .finish(label, ordered, createdAt)
        .orElseThrow(
            () ->
                new SinkException("the temporary file for " + target + " was replaced meanwhile"));
  }

  private static JoinedParts streamTo(OutputStream stream, List<PartFile> parts) {
    MessageDigest sha256 = JoinedParts.newSha256();
    List<Long> partBytes = new ArrayList<>();
    long total = 0;
    try {
      OutputStream out = new DigestOutputStream(new NonClosingOutputStream(stream), sha256);
      for (PartFile part : parts) {
        try (InputStream in = plain(part)) {
          long copied = in.transferTo(out);
          partBytes.add(copied);
          total += copied;
        }
      }
      out.flush();
    } catch (IOException e) {
      throw new SinkException("cannot write the output stream: " + e.getMessage(), e);
    }
    return new JoinedParts(parts, partBytes, total, JoinedParts.hex(sha256));
  }

  /** The part's bytes up to its checkpoint, decompressed if they are gzip. */
  private static InputStream plain(PartFile part) throws IOException {
    InputStream in = part.openCheckpointed();
    if (part.checkpoint().bytes() > 0 && part.isGzip()) {
      return new GZIPInputStream(in, BUFFER_SIZE); // reads every concatenated member
    }
    return in;
  }
}
