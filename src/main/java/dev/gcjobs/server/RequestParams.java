package dev.gcjobs.server;

import io.javalin.http.Context;
import java.util.Locale;
import java.util.regex.Pattern;

/** Reads and checks path and query parameters; a bad one is a 400 naming it. */
final class RequestParams {
  // Engine ids are short and URL-safe; anything else cannot name an export.
  private static final Pattern EXPORT_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

  private RequestParams() {}

  /**
   * The {@code id} path parameter.
   *
   * @throws ApiError 404 when it cannot be an export id
   */
  static String exportId(Context ctx) {
    String id = ctx.pathParam("id");
    if (!EXPORT_ID.matcher(id).matches()) {
      throw ApiError.of(
          404,
          "export_not_found",
          "no export has that id (ids are letters, digits and . _ : -); list them with GET"
              + " /v1/exports.");
    }
    return id;
  }

  /** An integer query parameter in {@code [min, max]}, or the default when absent. */
  static int intParam(Context ctx, String name, int defaultValue, int min, int max) {
    String text = ctx.queryParam(name);
    if (text == null || text.isBlank()) {
      return defaultValue;
    }
    try {
      int value = Integer.parseInt(text.strip());
      if (value >= min && value <= max) {
        return value;
      }
    } catch (NumberFormatException e) {
      // Reported below, with the range.
    }
    throw ApiError.badRequest(
        "invalid_parameter",
        name,
        name
            + " must be a whole number from "
            + min
            + " to "
            + max
            + "; leave it out for "
            + defaultValue
            + ".");
  }

  /** A boolean query parameter ({@code true} or {@code false}), or null when absent. */
  static Boolean booleanParam(Context ctx, String name) {
    String text = ctx.queryParam(name);
    if (text == null || text.isBlank()) {
      return null;
    }
    return switch (text.strip().toLowerCase(Locale.ROOT)) {
      case "true" -> Boolean.TRUE;
      case "false" -> Boolean.FALSE;
      default ->
          throw ApiError.badRequest("invalid_parameter", name, name + " must be true or false.");
    };
  }
}
