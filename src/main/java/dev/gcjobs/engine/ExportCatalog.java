package dev.gcjobs.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gcjobs.store.ChunkRepository;
import dev.gcjobs.store.ChunkRow;
import dev.gcjobs.store.Database;
import dev.gcjobs.store.ExportCursor;
import dev.gcjobs.store.ExportPage;
import dev.gcjobs.store.ExportProgress;
import dev.gcjobs.store.ExportRepository;
import dev.gcjobs.store.ExportRow;
import dev.gcjobs.store.ExportState;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The exports in the store, read: statuses, listings, details and outputs. It needs no Genesys
 * client and runs nothing, so read-only uses ({@code gcjobs exports list/show}) get this alone.
 * Thread-safe.
 */
public final class ExportCatalog implements ExportReader {
  /** Listings return at most this many exports per page. */
  static final int MAX_LIST_LIMIT = 500;

  /** How many parsed requests are kept: the exports being worked on, and more. */
  private static final int PARSED_REQUESTS_KEPT = 1024;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final ExportRepository exports;
  private final ChunkRepository chunks;

  /**
   * Parsed requests by their stored JSON, the most recently used: steps and status checks read the
   * export row anew each time. Bounded, for a service that sees new exports for months.
   */
  private final Map<String, ExportRequest> requests =
      Collections.synchronizedMap(
          new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, ExportRequest> eldest) {
              return size() > PARSED_REQUESTS_KEPT;
            }
          });

  public ExportCatalog(Database db) {
    this.exports = db.exports();
    this.chunks = db.chunks();
  }

  @Override
  public Optional<ExportStatus> find(String exportId) {
    return exports.findById(exportId).map(this::statusOf);
  }

  @Override
  public ExportListing list(ExportStatus.State state, int limit, String cursor) {
    if (limit < 1 || limit > MAX_LIST_LIMIT) {
      throw new InvalidRequest("limit", "limit must lie between 1 and " + MAX_LIST_LIMIT);
    }
    ExportCursor after;
    try {
      after = cursor == null ? null : ExportCursor.parse(cursor);
    } catch (IllegalArgumentException e) {
      throw new InvalidRequest("cursor", e.getMessage());
    }
    Set<ExportState> states = state == null ? Set.of() : Set.of(ExportState.valueOf(state.name()));
    ExportPage page = exports.list(states, limit, after);
    Map<String, ExportProgress> progress =
        exports.progress(page.exports().stream().map(ExportRow::id).toList());
    List<ExportStatus> statuses = new ArrayList<>();
    for (ExportRow row : page.exports()) {
      statuses.add(statusOf(row, progress.getOrDefault(row.id(), ExportProgress.NONE), null));
    }
    return new ExportListing(statuses, page.next().map(ExportCursor::token).orElse(null));
  }

  @Override
  public Optional<Path> output(String exportId) {
    return exports
        .findById(exportId)
        .filter(row -> row.state() == ExportState.DONE)
        .map(this::requestOf)
        .filter(request -> !request.output().isStream())
        .map(request -> request.output().file());
  }

  /** Everything about one export, chunk by chunk, or empty when no export has that id. */
  public Optional<ExportDetails> details(String exportId) {
    Optional<ExportRow> row = exports.findById(exportId);
    if (row.isEmpty()) {
      return Optional.empty();
    }
    List<ExportDetails.Chunk> details = new ArrayList<>();
    for (ChunkRow c : chunks.findByExport(exportId)) {
      details.add(
          new ExportDetails.Chunk(
              c.seq(),
              c.intervalStart(),
              c.intervalEnd(),
              c.state().name(),
              c.state().isTerminal(),
              c.job().id(),
              c.job().submittedAt(),
              c.job().pollAttempts(),
              c.checkpoint().pages(),
              c.checkpoint().records(),
              c.checkpoint().partBytes(),
              c.job().resubmits(),
              c.schedule().nextRunAt(),
              c.schedule().runningOn(),
              c.schedule().heldUntil(),
              c.errorMessage(),
              c.updatedAt()));
    }
    return Optional.of(
        new ExportDetails(
            statusOf(row.get()),
            row.get().output(),
            row.get().deadlineAt(),
            storedRequest(row.get()),
            details));
  }

  /** The request of a stored export, parsed once. */
  ExportRequest requestOf(ExportRow row) {
    return requests.computeIfAbsent(row.requestJson(), StoredRequest::read);
  }

  ExportStatus statusOf(ExportRow row) {
    Optional<Instant> next =
        row.state() == ExportState.RUNNING ? chunks.nextDueAt(row.id()) : Optional.empty();
    return statusOf(row, exports.progress(row.id()), next.orElse(null));
  }

  ExportStatus statusOf(ExportRow row, ExportProgress p, Instant nextCheckAt) {
    ExportRequest request = requestOf(row);
    ExportStatus.Failure failure =
        row.error() == null
            ? null
            : new ExportStatus.Failure(
                row.error().code(),
                row.error().message(),
                row.error().genesysMessage(),
                row.error().contextId());
    return new ExportStatus(
        row.id(),
        request.kind(),
        request.interval(),
        ExportStatus.State.valueOf(row.state().name()),
        new ExportStatus.Progress(p.chunks(), p.chunksDone(), p.pages(), p.records()),
        failure,
        row.createdAt(),
        row.updatedAt(),
        row.finishedAt(),
        nextCheckAt,
        ExportStatus.Completeness.of(request.interval(), p.incompleteFrom()));
  }

  private static JsonNode storedRequest(ExportRow row) {
    try {
      return JSON.readTree(row.requestJson());
    } catch (JsonProcessingException e) {
      // Written by gcjobs itself, so this means a damaged row: show it as it is.
      return JSON.getNodeFactory().textNode(row.requestJson());
    }
  }
}
