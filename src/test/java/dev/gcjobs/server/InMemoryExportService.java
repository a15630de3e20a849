package dev.gcjobs.server;

import dev.gcjobs.engine.ExportKind;
import dev.gcjobs.engine.ExportListing;
import dev.gcjobs.engine.ExportRequest;
import dev.gcjobs.engine.ExportService;
import dev.gcjobs.engine.ExportStatus;
import dev.gcjobs.engine.InvalidRequest;
import dev.gcjobs.sink.SavedPart;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A test double of the engine: exports stay RUNNING until a test finishes, fails or cancels them.
 * Follows the {@link ExportService} contract as the engine does: the same idempotency key, or the
 * same request key while not cancelled, gives back the same export; a key reused for another
 * request is an error.
 */
final class InMemoryExportService implements ExportService {
  private final Clock clock;
  private final AtomicInteger ids = new AtomicInteger();
  private final Map<String, ExportStatus> exports = new ConcurrentHashMap<>();
  private final Map<String, ExportRequest> requests = new ConcurrentHashMap<>();
  private final Map<String, String> byIdempotencyKey = new ConcurrentHashMap<>();
  private final Map<String, String> byRequestKey = new ConcurrentHashMap<>();
  final List<String> idempotencyKeysSeen = new CopyOnWriteArrayList<>();

  InMemoryExportService(Clock clock) {
    this.clock = clock;
  }

  @Override
  public Optional<Instant> dataAvailability(ExportKind kind) {
    return Optional.empty();
  }

  @Override
  public synchronized ExportStatus submit(ExportRequest request, String idempotencyKey) {
    idempotencyKeysSeen.add(String.valueOf(idempotencyKey));
    if (idempotencyKey != null && byIdempotencyKey.containsKey(idempotencyKey)) {
      String id = byIdempotencyKey.get(idempotencyKey);
      if (!requests.get(id).requestKey().equals(request.requestKey())) {
        throw new InvalidRequest(
            "Idempotency-Key", "this Idempotency-Key was used for a different export");
      }
      return exports.get(id);
    }
    String existing = byRequestKey.get(request.requestKey());
    if (existing != null && exports.get(existing).state() != ExportStatus.State.CANCELLED) {
      return exports.get(existing);
    }
    String id = String.format("exp-%04d", ids.incrementAndGet());
    Instant now = clock.instant();
    ExportStatus status =
        new ExportStatus(
            id,
            request.kind(),
            request.interval(),
            ExportStatus.State.RUNNING,
            new ExportStatus.Progress(4, 0, 0, 0),
            null,
            now,
            now,
            null,
            now.plusSeconds(3),
            ExportStatus.Completeness.whole(request.interval()));
    exports.put(id, status);
    requests.put(id, request);
    byRequestKey.put(request.requestKey(), id);
    if (idempotencyKey != null) {
      byIdempotencyKey.put(idempotencyKey, id);
    }
    return status;
  }

  @Override
  public Optional<ExportStatus> find(String exportId) {
    return Optional.ofNullable(exports.get(exportId));
  }

  @Override
  public ExportListing list(ExportStatus.State state, int limit, String cursor) {
    List<ExportStatus> matching = new ArrayList<>();
    exports.values().stream()
        .filter(s -> state == null || s.state() == state)
        .sorted(Comparator.comparing(ExportStatus::id).reversed())
        .forEach(matching::add);
    int from = cursor == null ? 0 : Integer.parseInt(cursor);
    int to = Math.min(matching.size(), from + limit);
    return new ExportListing(
        List.copyOf(matching.subList(from, to)),
        to < matching.size() ? Integer.toString(to) : null);
  }

  @Override
  public synchronized Optional<ExportStatus> cancel(String exportId) {
    ExportStatus status = exports.get(exportId);
    if (status == null) {
      return Optional.empty();
    }
    if (!status.state().isFinal()) {
      status = with(status, ExportStatus.State.CANCELLED, status.progress(), null);
      exports.put(exportId, status);
    }
    return Optional.of(status);
  }

  @Override
  public Optional<Path> output(String exportId) {
    ExportStatus status = exports.get(exportId);
    if (status == null || status.state() != ExportStatus.State.DONE) {
      return Optional.empty();
    }
    return Optional.of(requests.get(exportId).output().file());
  }

  @Override
  public List<SavedPart> savedParts(String exportId) {
    return List.of(); // no chunks: an export here goes from running to done in one step
  }

  /** The request the service received for an export. */
  ExportRequest request(String exportId) {
    return requests.get(exportId);
  }

  /** Writes the records as the export's NDJSON output and marks it DONE. */
  synchronized void finish(String exportId, List<String> records) {
    Path output = requests.get(exportId).output().file();
    try {
      Files.createDirectories(output.getParent());
      StringBuilder text = new StringBuilder();
      records.forEach(r -> text.append(r).append('\n'));
      Files.writeString(output, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ExportStatus status = exports.get(exportId);
    exports.put(
        exportId,
        with(
            status,
            ExportStatus.State.DONE,
            new ExportStatus.Progress(4, 4, 4, records.size()),
            null));
  }

  /** Marks the export FAILED with this failure. */
  synchronized void fail(String exportId, ExportStatus.Failure failure) {
    ExportStatus status = exports.get(exportId);
    exports.put(exportId, with(status, ExportStatus.State.FAILED, status.progress(), failure));
  }

  private ExportStatus with(
      ExportStatus s,
      ExportStatus.State state,
      ExportStatus.Progress progress,
      ExportStatus.Failure failure) {
    Instant now = clock.instant();
    return new ExportStatus(
        s.id(),
        s.kind(),
        s.interval(),
        state,
        progress,
        failure,
        s.createdAt(),
        now,
        state.isFinal() ? now : null,
        state.isFinal() ? null : s.nextCheckAt(),
        s.completeness());
  }
}
