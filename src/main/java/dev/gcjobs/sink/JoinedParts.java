package dev.gcjobs.sink;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * What joining parts into an output wrote: the parts in output order, each one's share of the
 * bytes, the total and its SHA-256.
 */
record JoinedParts(List<PartFile> parts, List<Long> partBytes, long bytes, String sha256) {
  JoinedParts {
    parts = List.copyOf(parts);
    partBytes = List.copyOf(partBytes);
  }

  /** The output's manifest: the same for an output joined at the end or while the export ran. */
  Manifest manifest(OutputTarget target, ExportLabel label, Instant createdAt) {
    List<Manifest.Chunk> chunks = new ArrayList<>();
    long records = 0;
    for (int i = 0; i < parts.size(); i++) {
      PartFile part = parts.get(i);
      records += part.checkpoint().records();
      chunks.add(
          new Manifest.Chunk(
              part.seq(),
              part.intervalStart() + "/" + part.intervalEnd(),
              part.checkpoint().records(),
              partBytes.get(i)));
    }
    return new Manifest(
        label.exportId(),
        label.kind(),
        label.intervalStart() + "/" + label.intervalEnd(),
        label.complete(),
        label.completeUntil(),
        target.toString(),
        "ndjson",
        target.gzip() ? "gzip" : "none",
        records,
        bytes,
        sha256,
        createdAt,
        chunks);
  }

  static MessageDigest newSha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  static String hex(MessageDigest digest) {
    return HexFormat.of().formatHex(digest.digest());
  }
}
