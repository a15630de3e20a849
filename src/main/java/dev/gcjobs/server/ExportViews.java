package dev.gcjobs.server;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.gcjobs.engine.ExportStatus;
import dev.gcjobs.sync.ExportLoad;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** The JSON shapes of an export: full (nested), summary (flat), submitted, listing. */
final class ExportViews {
  private ExportViews() {}

  /** The path of an export's status, also its {@code Location}. */
  static String statusPath(String id) {
    return "/v1/exports/" + id;
  }

  /** The answer to a submit. */
  record Submitted(String id, String state, String statusUrl, int retryAfterSeconds) {}

  /** The answer to {@code GET /v1/exports/{id}}. */
  record Full(
      String id,
      String kind,
      String interval,
      String state,
      Progress progress,
      Error error,
      Timings timings,
      boolean complete,
      Instant completeUntil,
      int retryAfterSeconds,
      Links links,
      Destination destination) {}

  /** Chunks, pages and records so far. */
  record Progress(int chunksTotal, int chunksDone, int percentDone, long pages, long records) {}

  /** Why an export failed; absent fields are null. */
  record Error(String code, String message, String genesysMessage, String contextId) {}

  /** When things happened; null while they have not. */
  record Timings(
      Instant createdAt,
      Instant updatedAt,
      Instant finishedAt,
      Instant nextCheckAt,
      long elapsedSeconds) {}

  /** The table destination the export ends in, and how loading it went; null when none. */
  record Destination(
      String name,
      String state,
      @JsonProperty("new") long inserted,
      long changed,
      long unchanged,
      String error) {}

  /** Where to read more. */
  record Links(String self, String summary, String records, String download) {}

  /**
   * {@code GET /v1/exports/{id}/summary}: every field a string, number or boolean, never null, so a
   * Genesys Architect flow can map each one to a variable.
   */
  record Summary(
      String id,
      String kind,
      String interval,
      String state,
      boolean running,
      boolean done,
      boolean failed,
      boolean cancelled,
      int chunksTotal,
      int chunksDone,
      int percentDone,
      long pages,
      long records,
      String errorCode,
      String errorMessage,
      String genesysMessage,
      String contextId,
      int retryAfterSeconds,
      String createdAt,
      String finishedAt,
      long elapsedSeconds,
      boolean complete,
      String completeUntil) {}

  /** One page of exports. */
  record Listing(List<Full> exports, String nextCursor) {}

  static Submitted submitted(ExportStatus status, Instant now) {
    return new Submitted(
        status.id(),
        status.state().name(),
        statusPath(status.id()),
        RetryAdvice.seconds(status, now));
  }

  /**
   * @param load the export's load into a table destination, or null when none was asked
   */
  static Full full(ExportStatus status, ExportLoad load, Instant now) {
    ExportStatus.Failure failure = status.failure();
    String self = statusPath(status.id());
    return new Full(
        status.id(),
        status.kind().cliName(),
        status.interval().toWireString(),
        status.state().name(),
        new Progress(
            status.progress().chunksTotal(),
            status.progress().chunksDone(),
            percentDone(status),
            status.progress().pages(),
            status.progress().records()),
        failure == null
            ? null
            : new Error(
                failure.code(), failure.message(), failure.genesysMessage(), failure.contextId()),
        new Timings(
            status.createdAt(),
            status.updatedAt(),
            status.finishedAt(),
            status.nextCheckAt(),
            elapsedSeconds(status, now)),
        status.completeness().complete(),
        status.completeness().completeUntil(),
        RetryAdvice.seconds(status, now),
        new Links(self, self + "/summary", self + "/records", self + "/download"),
        load == null
            ? null
            : new Destination(
                load.destination(),
                load.state().name(),
                load.inserted(),
                load.changed(),
                load.unchanged(),
                load.error()));
  }

  static Summary summary(ExportStatus status, Instant now) {
    ExportStatus.Failure failure = status.failure();
    ExportStatus.State state = status.state();
    return new Summary(
        status.id(),
        status.kind().cliName(),
        status.interval().toWireString(),
        state.name(),
        state == ExportStatus.State.RUNNING,
        state == ExportStatus.State.DONE,
        state == ExportStatus.State.FAILED,
        state == ExportStatus.State.CANCELLED,
        status.progress().chunksTotal(),
        status.progress().chunksDone(),
        percentDone(status),
        status.progress().pages(),
        status.progress().records(),
        failure == null ? "" : orEmpty(failure.code()),
        failure == null ? "" : orEmpty(failure.message()),
        failure == null ? "" : orEmpty(failure.genesysMessage()),
        failure == null ? "" : orEmpty(failure.contextId()),
        RetryAdvice.seconds(status, now),
        status.createdAt() == null ? "" : status.createdAt().toString(),
        status.finishedAt() == null ? "" : status.finishedAt().toString(),
        elapsedSeconds(status, now),
        status.completeness().complete(),
        status.completeness().completeUntil().toString());
  }

  private static int percentDone(ExportStatus status) {
    if (status.state() == ExportStatus.State.DONE) {
      return 100;
    }
    int total = status.progress().chunksTotal();
    return total <= 0 ? 0 : (int) (100L * status.progress().chunksDone() / total);
  }

  private static long elapsedSeconds(ExportStatus status, Instant now) {
    if (status.createdAt() == null) {
      return 0;
    }
    Instant end = status.finishedAt() == null ? now : status.finishedAt();
    return Math.max(0, Duration.between(status.createdAt(), end).toSeconds());
  }

  private static String orEmpty(String text) {
    return text == null ? "" : text;
  }
}
