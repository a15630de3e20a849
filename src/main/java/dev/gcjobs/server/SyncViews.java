package dev.gcjobs.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gcjobs.sync.CycleSummary;
import dev.gcjobs.sync.SyncDefinition;
import dev.gcjobs.sync.SyncDestinations;
import dev.gcjobs.sync.SyncStatus;
import java.time.Duration;
import java.time.Instant;

/** A sync, and a conflict between syncs, as the API shows them: destinations by name only. */
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

  /**
   * The 409 of a definition that another sync stands in the way of: it names that sync and says how
   * it differs.
   *
   * @param existing that sync's definition, or null when it is gone already
   */
  static ApiError conflict(
      String existingId,
      SyncDefinition existing,
      SyncDefinition asked,
      SyncDestinations destinations) {
    String what =
        existing == null
            ? " holds that id or those tables"
            : " " + difference(existing, asked, destinations);
    return ApiError.of(
        409,
        "sync_conflict",
        "sync "
            + existingId
            + what
            + ". See GET "
            + path(existingId)
            + "; send its definition to go on with it, or delete it first to replace it (the"
            + " tables stay).");
  }

  private static String difference(
      SyncDefinition existing, SyncDefinition asked, SyncDestinations destinations) {
    String copies =
        "already copies "
            + existing.kind().cliName()
            + " into "
            + destinations.nameOf(existing.destination()).orElse("other tables")
            + " from "
            + existing.since();
    if (existing.kind() != asked.kind() || !existing.destination().equals(asked.destination())) {
      return "has the id " + existing.id() + " and " + copies;
    }
    if (!existing.since().equals(asked.since())) {
      return copies + "; this one starts from " + asked.since();
    }
    if (!existing.copiesTheSameAs(asked)) {
      return copies + " with another query";
    }
    return copies
        + " with other settings (every "
        + existing.every()
        + ", settle "
        + existing.settle()
        + ", reconcileEvery "
        + existing.reconcileEvery()
        + ", purgeDeleted "
        + existing.purgeDeleted()
        + (existing.id().equals(asked.id()) ? "" : ", id " + existing.id())
        + ")";
  }

  private static String text(Instant instant) {
    return instant == null ? null : instant.toString();
  }
}
