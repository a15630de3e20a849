package dev.gcjobs.engine;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Writes JSON in one canonical form: object keys sorted, no whitespace, arrays in order. */
final class CanonicalJson {
  // The mapper is the generator's codec, which writeTree needs for scalar nodes.
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private CanonicalJson() {}

  static String write(JsonNode node) {
    StringWriter out = new StringWriter();
    try (JsonGenerator generator = MAPPER.createGenerator(out)) {
      write(node, generator);
    } catch (IOException e) {
      throw new UncheckedIOException("writing to a string cannot fail", e);
    }
    return out.toString();
  }

  private static void write(JsonNode node, JsonGenerator out) throws IOException {
    if (node.isObject()) {
      List<Map.Entry<String, JsonNode>> fields = new ArrayList<>(node.properties());
      fields.sort(Map.Entry.comparingByKey());
      out.writeStartObject();
      for (Map.Entry<String, JsonNode> field : fields) {
        out.writeFieldName(field.getKey());
        write(field.getValue(), out);
      }
      out.writeEndObject();
    } else if (node.isArray()) {
      out.writeStartArray();
      for (JsonNode element : (Iterable<JsonNode>) node::elements) {
        write(element, out);
      }
      out.writeEndArray();
    } else {
      // Scalars: Jackson's own rendering (numbers keep their written precision).
      out.writeTree(node);
    }
  }
}
