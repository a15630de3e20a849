package dev.gcjobs.server;

import io.javalin.http.Context;
import java.util.UUID;

/** A random id per request, sent back as {@code X-Request-Id} and named in logs of failures. */
final class RequestIds {
  static final String HEADER = "X-Request-Id";
  private static final String ATTRIBUTE = "gcjobs.requestId";

  private RequestIds() {}

  /** Gives the request its id (a before-handler). */
  static void assign(Context ctx) {
    String id = UUID.randomUUID().toString();
    ctx.attribute(ATTRIBUTE, id);
    ctx.header(HEADER, id);
  }

  /** The request's id, or {@code unknown} before one was assigned. */
  static String of(Context ctx) {
    String id = ctx.attribute(ATTRIBUTE);
    return id == null ? "unknown" : id;
  }
}
