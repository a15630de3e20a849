package dev.gcjobs.tables;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The SHA-256 (lowercase hex) of a record's canonical JSON: object keys sorted, no whitespace,
 * arrays in order. Two records that differ only in key order or spacing get the same hash, so a
 * reload of the same data is seen as unchanged.
 */
final class ContentHash {
  private static final JsonFactory FACTORY = new JsonFactory();

  private ContentHash() {}

  static String of(JsonNode record) {
    MessageDigest digest = sha256();
    // Straight into the digest: no canonical copy of the record is ever held.
    try (JsonGenerator out = FACTORY.createGenerator(new DigestStream(digest))) {
      write(record, out);
    } catch (IOException e) {
      throw new UncheckedIOException("writing into a digest cannot fail", e);
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  private static void write(JsonNode node, JsonGenerator out) throws IOException {
    if (node.isObject()) {
      out.writeStartObject();
      for (Map.Entry<String, JsonNode> field : sorted(node)) {
        out.writeFieldName(field.getKey());
        write(field.getValue(), out);
      }
      out.writeEndObject();
    } else if (node.isArray()) {
      out.writeStartArray();
      for (JsonNode element : node) {
        write(element, out);
      }
      out.writeEndArray();
    } else if (node.isTextual()) {
      out.writeString(node.textValue());
    } else if (node.isNull()) {
      out.writeNull();
    } else if (node.isBoolean()) {
      out.writeBoolean(node.booleanValue());
    } else {
      out.writeNumber(node.asText()); // numbers keep their written precision
    }
  }

  /** The fields in key order; most records already come sorted, so check before sorting. */
  private static Iterable<Map.Entry<String, JsonNode>> sorted(JsonNode object) {
    String previous = null;
    boolean ordered = true;
    for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (previous != null && previous.compareTo(name) > 0) {
        ordered = false;
        break;
      }
      previous = name;
    }
    if (ordered) {
      return object.properties();
    }
    List<Map.Entry<String, JsonNode>> fields = new ArrayList<>(object.properties());
    fields.sort(Map.Entry.comparingByKey());
    return fields;
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  /** Feeds what the generator writes to the digest. */
  private static final class DigestStream extends OutputStream {
    private final MessageDigest digest;

    DigestStream(MessageDigest digest) {
      this.digest = digest;
    }

    @Override
    public void write(int b) {
      digest.update((byte) b);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
      digest.update(bytes, offset, length);
    }
  }
}
