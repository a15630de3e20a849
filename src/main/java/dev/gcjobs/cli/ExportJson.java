package dev.gcjobs.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gcjobs.engine.ExportDetails;
import dev.gcjobs.engine.ExportListing;
import dev.gcjobs.engine.ExportStatus;
import java.time.Instant;

/**
 * The {@code --json} forms of the {@code exports} subcommands, for scripts: field names are stable,
 * instants ISO-8601 UTC, absent values null.
 */
final class ExportJson {
  static final ObjectMapper JSON = new ObjectMapper();

  private ExportJson() {}

  /** {@code {"exports": [...], "nextCursor": ...}} */
  static ObjectNode listing(ExportListing listing) {
    ObjectNode n = JSON.createObjectNode();
    ArrayNode exports = n.putArray("exports");
    listing.exports().forEach(e -> exports.add(status(e)));
    n.put("nextCursor", listing.nextCursor());
    return n;
  }

  /** One export as the engine reports it. */
  static ObjectNode status(ExportStatus s) {
    ObjectNode n = JSON.createObjectNode();
    n.put("id", s.id());
    n.put("state", s.state().name());
    n.put("kind", s.kind().cliName());
    ObjectNode interval = n.putObject("interval");
    interval.put("start", s.interval().start().toString());
    interval.put("end", s.interval().end().toString());
    ObjectNode progress = n.putObject("progress");
    progress.put("chunksTotal", s.progress().chunksTotal());
    progress.put("chunksDone", s.progress().chunksDone());
    progress.put("pages", s.progress().pages());
    progress.put("records", s.progress().records());
    if (s.failure() == null) {
      n.putNull("error");
    } else {
      ObjectNode error = n.putObject("error");
      error.put("code", s.failure().code());
      error.put("message", s.failure().message());
      error.put("genesysMessage", s.failure().genesysMessage());
      error.put("contextId", s.failure().contextId());
    }
    n.put("createdAt", text(s.createdAt()));
    n.put("updatedAt", text(s.updatedAt()));
    n.put("finishedAt", text(s.finishedAt()));
    n.put("nextCheckAt", text(s.nextCheckAt()));
    n.put("complete", s.completeness().complete());
    n.put("completeUntil", text(s.completeness().completeUntil()));
    return n;
  }

  /** Everything about one export: its status, the stored request, output, deadline and chunks. */
  static ObjectNode details(ExportDetails d) {
    ExportStatus s = d.status();
    ObjectNode n = status(s);
    n.put("output", d.output());
    n.put("deadlineAt", text(d.deadlineAt()));
    n.set("request", d.request());
    ArrayNode array = n.putArray("chunks");
    for (ExportDetails.Chunk c : d.chunks()) {
      ObjectNode chunk = array.addObject();
      chunk.put("seq", c.seq());
      chunk.put("start", c.start().toString());
      chunk.put("end", c.end().toString());
      chunk.put("state", c.state());
      chunk.put("jobId", c.jobId());
      chunk.put("jobSubmittedAt", text(c.jobSubmittedAt()));
      chunk.put("pollAttempts", c.pollAttempts());
      chunk.put("pages", c.pages());
      chunk.put("records", c.records());
      chunk.put("partBytes", c.partBytes());
      chunk.put("resubmits", c.resubmits());
      // As in the table: an export that ended runs nothing (a failed one's chunks are parked).
      chunk.put("nextRunAt", s.state().isFinal() ? null : text(c.nextRunAt()));
      chunk.put("leaseOwner", c.leaseOwner());
      chunk.put("leaseUntil", text(c.leaseUntil()));
      chunk.put("error", c.error());
      chunk.put("updatedAt", text(c.updatedAt()));
    }
    return n;
  }

  private static String text(Instant instant) {
    return instant == null ? null : instant.toString();
  }
}
