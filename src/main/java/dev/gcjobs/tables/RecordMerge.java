package dev.gcjobs.tables;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gcjobs.tables.Column.Source;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Merges the records of one user that a batch holds, for a kind whose records do not replace their
 * child rows: an export of several chunks holds a user once per chunk that saw them, each record
 * with that interval's timeline. The merged record has the later record's fields, and in each child
 * array the elements of both, one per key (the later's wins, in the earlier's place). Being the
 * same for the same file, it lets a reload of that file find every user unchanged.
 */
final class RecordMerge {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The top-level table's children whose elements are objects with a key of their own. */
  private final List<Table> keyed;

  RecordMerge(TableMapping mapping) {
    this.keyed =
        mapping.root().children().stream()
            .filter(t -> t.shape() == Table.Shape.OBJECTS && !keyFields(t).isEmpty())
            .toList();
  }

  /** {@code earlier} and {@code later} (of the same id) as one record. */
  JsonRecord merge(JsonRecord earlier, JsonRecord later) {
    String json = text(merge(earlier.json(), later.json()));
    return new JsonRecord(later.id(), ContentHash.of(json), json, earlier.seen().and(later.seen()));
  }

  /** The JSON texts {@code earlier} and {@code later} (records of the same id) as one record. */
  ObjectNode merge(String earlier, String later) {
    ObjectNode before = object(earlier);
    ObjectNode merged = object(later);
    for (Table child : keyed) {
      JsonNode kept = before.get(child.field());
      JsonNode added = merged.get(child.field());
      if (kept == null
          || !kept.isArray()
          || (added != null && !added.isArray() && !added.isNull())) {
        continue; // nothing earlier to keep, or a later value that is not an array stands alone
      }
      Map<String, JsonNode> byKey = new LinkedHashMap<>();
      List<JsonNode> keyless = new ArrayList<>();
      for (JsonNode element : kept) {
        put(child, element, byKey, keyless);
      }
      if (added != null) {
        for (JsonNode element : added) {
          put(child, element, byKey, keyless);
        }
      }
      ArrayNode elements = merged.putArray(child.field());
      elements.addAll(byKey.values());
      elements.addAll(keyless);
    }
    return merged;
  }

  /** A record's JSON text, as written for a merged record. */
  static String text(JsonNode record) {
    try {
      return JSON.writeValueAsString(record);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a tree read from JSON writes back", e);
    }
  }

  private static void put(
      Table child, JsonNode element, Map<String, JsonNode> byKey, List<JsonNode> keyless) {
    String key = key(child, element);
    if (key == null) {
      keyless.add(element);
    } else {
      byKey.put(key, element);
    }
  }

  /**
   * The element's key as its table's key columns read it (a time in any of its notations is the
   * same time), or null when it has none: such an element is kept as it is.
   */
  private static String key(Table child, JsonNode element) {
    StringBuilder key = new StringBuilder();
    for (Column c : keyFields(child)) {
      JsonNode value = element.at("/" + c.path().replace(".", "/"));
      if (!value.isValueNode() || value.isNull()) {
        return null;
      }
      Instant at = c.type() == ColumnType.TIMESTAMPTZ ? Timestamps.parse(value.asText()) : null;
      key.append(at != null ? at.toString() : value.toString()).append('\u0001');
    }
    return key.toString();
  }

  private static List<Column> keyFields(Table child) {
    return child.keyColumns().stream().filter(c -> c.source() == Source.FIELD).toList();
  }

  private static ObjectNode object(String json) {
    try {
      return (ObjectNode) JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a record was checked as a JSON object when read", e);
    }
  }
}
