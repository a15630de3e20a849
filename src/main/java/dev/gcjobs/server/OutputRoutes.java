package dev.gcjobs.server;

import dev.gcjobs.engine.ExportService;
import dev.gcjobs.engine.ExportStatus;
import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The records of a DONE export: paged as JSON, or the whole NDJSON file as a download. */
final class OutputRoutes {
  private static final Logger log = LoggerFactory.getLogger(OutputRoutes.class);
  private static final int DEFAULT_PAGE_LIMIT = 100;
  private static final int MAX_PAGE_LIMIT = 1000;

  /** A page stops after the record that passes this size, so one answer stays a few MB. */
  private static final long MAX_PAGE_BYTES = 4L * 1024 * 1024;

  private static final int COPY_BUFFER_BYTES = 64 * 1024;

  private final ExportService service;
  private final CursorCodec cursors;

  OutputRoutes(ExportService service, CursorCodec cursors) {
    this.service = service;
    this.cursors = cursors;
  }

  void register(RouteTable routes) {
    routes.get("/v1/exports/{id}/records", this::records);
    routes.get("/v1/exports/{id}/download", this::download);
  }

  private void records(Context ctx) {
    String id = RequestParams.exportId(ctx);
    int limit = RequestParams.intParam(ctx, "limit", DEFAULT_PAGE_LIMIT, 1, MAX_PAGE_LIMIT);
    String scope = "records:" + id;
    String cursor = ctx.queryParam("cursor");
    long offset = cursor == null || cursor.isEmpty() ? 0 : cursors.decodeOffset(scope, cursor);
    Path file = outputOf(id);
    NdjsonPage page;
    try {
      page = NdjsonPage.read(file, offset, limit, MAX_PAGE_BYTES);
    } catch (NdjsonPage.NotALineBoundary e) {
      throw ApiError.badRequest(
          "invalid_cursor",
          "cursor",
          "the cursor does not point into this export's records; start again without cursor.");
    } catch (NoSuchFileException e) {
      throw outputGone(id);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the output of export " + id, e);
    }
    String next = page.nextOffset() < 0 ? null : cursors.encodeOffset(scope, page.nextOffset());
    ctx.status(200).contentType("application/json").result(recordsBody(id, page, next));
  }

  /** Writes the records as they are in the file, without parsing them again. */
  private static byte[] recordsBody(String id, NdjsonPage page, String next) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes(ascii("{\"exportId\":"));
    body.writeBytes(ResponseJson.bytes(id));
    body.writeBytes(ascii(",\"count\":" + page.lines().size() + ",\"records\":["));
    for (int i = 0; i < page.lines().size(); i++) {
      if (i > 0) {
        body.write(',');
      }
      body.writeBytes(page.lines().get(i));
    }
    body.writeBytes(ascii("],\"nextCursor\":"));
    body.writeBytes(ResponseJson.bytes(next));
    body.write('}');
    return body.toByteArray();
  }

  private void download(Context ctx) {
    String id = RequestParams.exportId(ctx);
    Boolean gzipFile = RequestParams.booleanParam(ctx, "gzip");
    Path file = outputOf(id);
    long size;
    try {
      size = Files.size(file);
    } catch (NoSuchFileException e) {
      throw outputGone(id);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the output of export " + id, e);
    }
    boolean contentEncoding =
        gzipFile == null && AcceptEncoding.acceptsGzip(ctx.header("Accept-Encoding"));
    ctx.status(200).header("Vary", "Accept-Encoding");
    if (Boolean.TRUE.equals(gzipFile)) {
      // A .gz file to keep, rather than compression in transit.
      ctx.contentType("application/gzip")
          .header("Content-Disposition", "attachment; filename=\"" + id + ".ndjson.gz\"");
    } else {
      ctx.contentType("application/x-ndjson")
          .header("Content-Disposition", "attachment; filename=\"" + id + ".ndjson\"");
      if (contentEncoding) {
        ctx.header("Content-Encoding", "gzip");
      } else {
        ctx.header("Content-Length", Long.toString(size));
      }
    }
    boolean gzip = Boolean.TRUE.equals(gzipFile) || contentEncoding;
    try {
      OutputStream out = ctx.outputStream();
      if (gzip) {
        try (GZIPOutputStream zipped = new GZIPOutputStream(out, COPY_BUFFER_BYTES)) {
          Files.copy(file, zipped);
        }
      } else {
        Files.copy(file, out);
        out.flush();
      }
    } catch (IOException e) {
      // The answer has begun: nothing better can be sent, and usually the client went away.
      log.debug("Download of export {} ended early: {}", id, e.toString());
    }
  }

  /** The output of a DONE export; 409 while it runs or when it ended otherwise. */
  private Path outputOf(String id) {
    ExportStatus status = service.find(id).orElseThrow(() -> ApiError.exportNotFound(id));
    switch (status.state()) {
      case RUNNING:
        throw ApiError.of(
            409,
            "export_not_done",
            "export "
                + id
                + " is still RUNNING; its records can be read once it is DONE. Check GET"
                + " /v1/exports/"
                + id
                + " and retry after its retryAfterSeconds.");
      case FAILED:
      case CANCELLED:
        throw ApiError.of(
            409,
            "export_not_done",
            "export " + id + " ended " + status.state() + " and has no records to read.");
      default:
        return service.output(id).orElseThrow(() -> outputGone(id));
    }
  }

  private static ApiError outputGone(String id) {
    return ApiError.of(
        410,
        "output_gone",
        "the output of export "
            + id
            + " is no longer on disk: it was moved or deleted outside gcjobs.");
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }
}
