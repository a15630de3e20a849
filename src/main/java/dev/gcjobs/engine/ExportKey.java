package dev.gcjobs.engine;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;

/**
 * An export's identity, computed here and nowhere else: what determines its records and where they
 * go (kind, interval, query, chunk size, output), so that running the same export again finds it,
 * whatever its concurrency, page size or timeout.
 */
final class ExportKey {
  private ExportKey() {}

  /**
   * The identity in canonical JSON (sorted keys, no whitespace): kind, interval (wire form), query,
   * chunk size and output.
   */
  static String normalizedJson(
      ExportKind kind,
      ExportInterval interval,
      ObjectNode query,
      Duration chunkSize,
      String outputSpec) {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.put("kind", kind.cliName());
    node.put("interval", interval.toWireString());
    node.set("query", query.deepCopy());
    node.put("chunk", chunkSize.toString());
    node.put("output", outputSpec);
    return CanonicalJson.write(node);
  }

  /** The lowercase hex SHA-256 of the normalized JSON: the same request has the same key. */
  static String ofRequest(
      ExportKind kind,
      ExportInterval interval,
      ObjectNode query,
      Duration chunkSize,
      String outputSpec) {
    return Sha256.hex(normalizedJson(kind, interval, query, chunkSize, outputSpec));
  }

  /** The key of a request against the Genesys org {@code source}: another org, another export. */
  static String ofExport(String source, String requestKey) {
    return Sha256.hex(source + "\n" + requestKey);
  }
}
