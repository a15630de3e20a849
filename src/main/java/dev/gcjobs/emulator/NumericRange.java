package dev.gcjobs.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;

/** The {@code range} of a metric predicate: {@code {gt?, gte?, lt?, lte?}}, all numbers. */
record NumericRange(BigDecimal gt, BigDecimal gte, BigDecimal lt, BigDecimal lte) {

  static NumericRange parse(JsonNode node, String path) {
    if (node == null) {
      return null;
    }
    QueryFields.requireObject(node, path);
    NumericRange range =
        new NumericRange(
            bound(node, "gt", path),
            bound(node, "gte", path),
            bound(node, "lt", path),
            bound(node, "lte", path));
    if (range.gt == null && range.gte == null && range.lt == null && range.lte == null) {
      throw ApiError.badRequest(path + " needs at least one of gt, gte, lt, lte.");
    }
    return range;
  }

  /** The range holding exactly the number {@code value}. */
  static NumericRange exactly(String value, String path) {
    try {
      BigDecimal v = new BigDecimal(value);
      return new NumericRange(null, v, null, v);
    } catch (NumberFormatException e) {
      throw ApiError.badRequest(path + " '" + value + "' is not a number.");
    }
  }

  boolean contains(BigDecimal v) {
    return (gt == null || v.compareTo(gt) > 0)
        && (gte == null || v.compareTo(gte) >= 0)
        && (lt == null || v.compareTo(lt) < 0)
        && (lte == null || v.compareTo(lte) <= 0);
  }

  private static BigDecimal bound(JsonNode node, String name, String path) {
    JsonNode v = QueryFields.field(node, name);
    if (v == null) {
      return null;
    }
    if (!v.isNumber()) {
      throw ApiError.badRequest(
          path + "." + name + " must be a number, not " + QueryFields.describe(v) + ".");
    }
    return v.decimalValue();
  }
}
