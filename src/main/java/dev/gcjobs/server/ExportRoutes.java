package dev.gcjobs.server;

import dev.gcjobs.engine.ExportListing;
import dev.gcjobs.engine.ExportRequest;
import dev.gcjobs.engine.ExportRequestJson;
import dev.gcjobs.engine.ExportService;
import dev.gcjobs.engine.ExportStatus;
import dev.gcjobs.engine.InvalidRequest;
import dev.gcjobs.sync.ExportLoad;
import dev.gcjobs.sync.ExportLoads;
import io.javalin.http.Context;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Submit, read, list and cancel exports: thin handlers over {@link ExportService}, and over {@link
 * ExportLoads} for exports that end in one of the service's table destinations.
 */
final class ExportRoutes {
  private static final Logger log = LoggerFactory.getLogger(ExportRoutes.class);
  static final String IDEMPOTENCY_HEADER = "Idempotency-Key";
  private static final int MAX_IDEMPOTENCY_KEY = 255;
  private static final int DEFAULT_LIST_LIMIT = 50;
  private static final int MAX_LIST_LIMIT = 500;

  private final ExportService service;
  private final ExportLoads loads;
  private final Path outputDir;
  private final long maxBodyBytes;
  private final CursorCodec cursors;
  private final Clock clock;

  /**
   * @param loads where exports asking for a table destination are loaded; null for a service
   *     without table destinations
   */
  ExportRoutes(
      ExportService service,
      ExportLoads loads,
      Path outputDir,
      long maxBodyBytes,
      CursorCodec cursors,
      Clock clock) {
    this.service = service;
    this.loads = loads;
    this.outputDir = outputDir.toAbsolutePath();
    this.maxBodyBytes = maxBodyBytes;
    this.cursors = cursors;
    this.clock = clock;
  }

  void register(RouteTable routes) {
    routes.post("/v1/exports", this::submit);
    routes.get("/v1/exports", this::list);
    routes.get("/v1/exports/{id}", this::status);
    routes.get("/v1/exports/{id}/summary", this::summary);
    routes.delete("/v1/exports/{id}", this::cancel);
  }

  private void submit(Context ctx) {
    String idempotencyKey = idempotencyKey(ctx);
    if (ctx.contentLength() > maxBodyBytes) {
      throw ApiError.bodyTooLarge(maxBodyBytes);
    }
    DestinationField destination = DestinationField.split(ctx.bodyAsBytes());
    if (destination.name() != null) {
      checkDestination(destination.name());
    }
    // The output file is named by what the export reads, so the same request finds the same export.
    ExportRequest request =
        ExportRequestJson.read(destination.rest())
            .outputIn(outputDir, false)
            .availability(service::dataAvailability)
            .build();
    ExportStatus status;
    try {
      status = service.submit(request, idempotencyKey);
    } catch (InvalidRequest e) {
      if (!e.field().equals("output")) {
        throw e;
      }
      // The output is the service's choice, not the caller's: this is our fault, and the message
      // names server paths, so it goes to the log only.
      log.error("Cannot write export outputs under {}: {}", outputDir, e.getMessage());
      throw ApiError.of(
          503,
          "output_unavailable",
          "the service cannot write export outputs right now; its operators are told. Retry later.");
    }
    if (destination.name() != null) {
      ExportLoad load = loads.ask(status.id(), destination.name());
      if (!load.destination().equals(destination.name())) {
        throw ApiError.of(
            409,
            "destination_conflict",
            "export "
                + status.id()
                + " already ends in the destination "
                + load.destination()
                + "; an export is loaded into one destination. Leave destination out to read this"
                + " export, or ask for "
                + load.destination()
                + ".");
      }
    }
    ctx.header("Location", ExportViews.statusPath(status.id()));
    ResponseJson.write(ctx, 202, ExportViews.submitted(status, clock.instant()));
  }

  private void checkDestination(String name) {
    if (loads == null) {
      throw ApiError.badRequest(
          "invalid_request",
          DestinationField.FIELD,
          "this service has no table destinations; its operators name them when they start it."
              + " Leave destination out for a file only.");
    }
    loads.check(name);
  }

  private ExportLoad load(String exportId) {
    return loads == null ? null : loads.find(exportId).orElse(null);
  }

  private void status(Context ctx) {
    ExportStatus status = find(ctx);
    Instant now = clock.instant();
    adviseRetry(ctx, status, now);
    ResponseJson.write(ctx, 200, ExportViews.full(status, load(status.id()), now));
  }

  private void summary(Context ctx) {
    ExportStatus status = find(ctx);
    Instant now = clock.instant();
    adviseRetry(ctx, status, now);
    ResponseJson.write(ctx, 200, ExportViews.summary(status, now));
  }

  private void cancel(Context ctx) {
    String id = RequestParams.exportId(ctx);
    ExportStatus status = service.cancel(id).orElseThrow(() -> ApiError.exportNotFound(id));
    ResponseJson.write(ctx, 200, ExportViews.full(status, load(id), clock.instant()));
  }

  private void list(Context ctx) {
    ExportStatus.State state = state(ctx.queryParam("state"));
    int limit = RequestParams.intParam(ctx, "limit", DEFAULT_LIST_LIMIT, 1, MAX_LIST_LIMIT);
    String scope = "list:" + state;
    String cursor = ctx.queryParam("cursor");
    String engineCursor =
        cursor == null || cursor.isEmpty() ? null : cursors.decodeText(scope, cursor);
    ExportListing listing = service.list(state, limit, engineCursor);
    Instant now = clock.instant();
    ResponseJson.write(
        ctx,
        200,
        new ExportViews.Listing(
            listing.exports().stream().map(s -> ExportViews.full(s, load(s.id()), now)).toList(),
            listing.nextCursor() == null ? null : cursors.encodeText(scope, listing.nextCursor())));
  }

  private ExportStatus find(Context ctx) {
    String id = RequestParams.exportId(ctx);
    return service.find(id).orElseThrow(() -> ApiError.exportNotFound(id));
  }

  private static void adviseRetry(Context ctx, ExportStatus status, Instant now) {
    if (!status.state().isFinal()) {
      ctx.header("Retry-After", Integer.toString(RetryAdvice.seconds(status, now)));
    }
  }

  /** The caller's key, scoped by API key so that two clients cannot collide; null when none. */
  private static String idempotencyKey(Context ctx) {
    String key = ctx.header(IDEMPOTENCY_HEADER);
    if (key == null || key.isBlank()) {
      return null;
    }
    String stripped = key.strip();
    if (stripped.length() > MAX_IDEMPOTENCY_KEY
        || !stripped.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
      throw ApiError.badRequest(
          "invalid_header",
          IDEMPOTENCY_HEADER,
          IDEMPOTENCY_HEADER
              + " must be 1 to "
              + MAX_IDEMPOTENCY_KEY
              + " printable ASCII characters, e.g. a UUID.");
    }
    return AccessGate.keyId(ctx) + ":" + stripped;
  }

  private static ExportStatus.State state(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return ExportStatus.State.valueOf(text.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw ApiError.badRequest(
          "invalid_parameter",
          "state",
          "state must be one of "
              + Arrays.stream(ExportStatus.State.values())
                  .map(Enum::name)
                  .collect(Collectors.joining(", "))
              + ", or left out for all.");
    }
  }
}
