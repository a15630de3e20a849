package dev.gcjobs.engine;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;

/**
 * Everything about one export, for {@code gcjobs exports show}: its status, the request as stored,
 * its output, deadline and each chunk.
 *
 * @param status the export's status, as {@link ExportReader#find} gives it
 * @param output the output file, or {@code -} for stdout
 * @param deadlineAt when it must be done, or null for no deadline
 * @param request the normalized request as stored (kind, interval, query, chunk size, paging)
 * @param chunks its chunks, by seq
 */
public record ExportDetails(
    ExportStatus status, String output, Instant deadlineAt, JsonNode request, List<Chunk> chunks) {

  public ExportDetails {
    chunks = List.copyOf(chunks);
  }

  /**
   * One chunk of the export.
   *
   * @param state its lifecycle state (PLANNED, SUBMITTED, POLLING, FETCHING, DONE, FAILED,
   *     CANCELLED)
   * @param finished whether the chunk has stopped (DONE, FAILED or CANCELLED)
   * @param nextRunAt when its next step is due; null when none is (it or its export stopped)
   * @param leaseOwner the process (host/pid) running its step now, or null
   * @param leaseUntil when that process counts as dead unless it beats again, or null
   */
  public record Chunk(
      int seq,
      Instant start,
      Instant end,
      String state,
      boolean finished,
      String jobId,
      Instant jobSubmittedAt,
      int pollAttempts,
      long pages,
      long records,
      long partBytes,
      int resubmits,
      Instant nextRunAt,
      String leaseOwner,
      Instant leaseUntil,
      String error,
      Instant updatedAt) {}
}
