package dev.gcjobs.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gcjobs.sync.CycleSummary;
import dev.gcjobs.sync.SyncDefinition;
import dev.gcjobs.sync.SyncStatus;
import java.time.Duration;
import java.time.Instant;

/** A sync as the API shows it: its destination by name, never a path or URL. */
final class SyncViews {
  private SyncViews() {}

  static String path(String id) {
    return "/v1/syncs/" + id;
  }

  /**
   * The sync with its definition, where it stands and its last cycles.
   *
   * @param destination the configured name of its destination
   */
  static ObjectNode full(SyncStatus status, String destination, Instant now) {
    SyncDefinition def = status.definition();
    ObjectNode node = ResponseJson.MAPPER.createObjectNode();
    node.put("id", def.id());
    ObjectNode definition = node.putObject("definition");
    definition.put("kind", def.kind().cliName());
    definition.put("destination", destination);
    definition.put("since", def.since().toString());
    definition.set("query", def.query());
    definition.put("settle", def.settle().toString());
    definition.put("every", def.every().toString());
    definition.put("reconcileEvery", def.reconcileEvery().toString());
    definition.put("purgeDeleted", def.purgeDeleted());
    node.put("paused", status.paused());
    node.put("watermark", text(status.watermark()));
    if (status.watermark() == null) {
      node.putNull("lagSeconds");
    } else {
      node.put("lagSeconds", Duration.between(status.watermark(), now).toSeconds());
    }
    node.put("lastReconcileAt", text(status.lastReconcileAt()));
    node.put("lastCycleAt", text(status.lastCycleAt()));
    if (status.running() == null) {
      node.putNull("running");
    } else {
      node.set("running", status.running().toJson(ResponseJson.MAPPER));
    }
    ArrayNode cycles = node.putArray("cycles");
    for (CycleSummary cycle : status.cycles()) {
      cycles.add(cycle.toJson(ResponseJson.MAPPER));
    }
    node.putObject("links").put("self", path(def.id()));
    return node;
  }

  private static String text(Instant instant) {
    return instant == null ? null : instant.toString();
  }
}
