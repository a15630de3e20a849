package dev.gcjobs.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gcjobs.sync.SyncConflict;
import dev.gcjobs.sync.SyncDefinition;
import dev.gcjobs.sync.SyncDestinations;
import dev.gcjobs.sync.SyncRequestJson;
import dev.gcjobs.sync.SyncScheduler;
import dev.gcjobs.sync.SyncStatus;
import dev.gcjobs.sync.Syncs;
import io.javalin.http.Context;
import java.time.Clock;
import java.util.regex.Pattern;

/**
 * Define, list, show, pause, resume, reconcile and delete syncs: thin handlers over {@link Syncs}
 * and the {@link SyncScheduler} that runs them. Only syncs into the service's configured
 * destinations are seen here.
 */
final class SyncRoutes {
  private static final Pattern SYNC_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  private final Syncs syncs;
  private final SyncDestinations destinations;
  private final SyncScheduler scheduler;
  private final long maxBodyBytes;
  private final Clock clock;

  SyncRoutes(SyncScheduler scheduler, long maxBodyBytes, Clock clock) {
    this.syncs = scheduler.syncs();
    this.destinations = scheduler.destinations();
    this.scheduler = scheduler;
    this.maxBodyBytes = maxBodyBytes;
    this.clock = clock;
  }

  void register(RouteTable routes) {
    routes.post("/v1/syncs", this::define);
    routes.get("/v1/syncs", this::list);
    routes.get("/v1/syncs/{id}", this::show);
    routes.post("/v1/syncs/{id}/pause", ctx -> setPaused(ctx, true));
    routes.post("/v1/syncs/{id}/resume", ctx -> setPaused(ctx, false));
    routes.post("/v1/syncs/{id}/reconcile", this::reconcile);
    routes.delete("/v1/syncs/{id}", this::delete);
  }

  private void define(Context ctx) {
    if (ctx.contentLength() > maxBodyBytes) {
      throw ApiError.bodyTooLarge(maxBodyBytes);
    }
    SyncDefinition asked = SyncRequestJson.read(ctx.bodyAsBytes(), destinations);
    boolean existed = syncs.find(asked.id()).isPresent();
    SyncStatus status;
    try {
      status = syncs.define(asked);
    } catch (SyncConflict e) {
      throw conflict(e.existingId(), asked);
    }
    if (!status.definition().equals(asked)) {
      throw conflict(status.definition().id(), asked);
    }
    ctx.header("Location", SyncViews.path(asked.id()));
    write(ctx, existed ? 200 : 201, status);
  }

  private ApiError conflict(String existingId, SyncDefinition asked) {
    SyncDefinition existing = syncs.find(existingId).map(SyncStatus::definition).orElse(null);
    return SyncViews.conflict(existingId, existing, asked, destinations);
  }

  private void list(Context ctx) {
    ObjectNode body = ResponseJson.MAPPER.createObjectNode();
    ArrayNode list = body.putArray("syncs");
    for (SyncStatus status : syncs.list()) {
      destinations
          .nameOf(status.definition().destination())
          .ifPresent(name -> list.add(SyncViews.full(status, name, clock.instant())));
    }
    ResponseJson.write(ctx, 200, body);
  }

  private void show(Context ctx) {
    write(ctx, 200, find(ctx));
  }

  private void setPaused(Context ctx, boolean paused) {
    SyncStatus status = find(ctx);
    syncs.setPaused(status.definition().id(), paused);
    write(ctx, 200, find(ctx));
  }

  private void reconcile(Context ctx) {
    SyncStatus status = find(ctx);
    scheduler.reconcileNext(status.definition().id());
    write(ctx, 202, status);
  }

  private void delete(Context ctx) {
    SyncStatus status = find(ctx);
    syncs.delete(status.definition().id());
    ctx.status(204);
  }

  private SyncStatus find(Context ctx) {
    String id = ctx.pathParam("id");
    if (!SYNC_ID.matcher(id).matches()) {
      throw ApiError.syncNotFound(null);
    }
    return syncs
        .find(id)
        .filter(s -> destinations.nameOf(s.definition().destination()).isPresent())
        .orElseThrow(() -> ApiError.syncNotFound(id));
  }

  private void write(Context ctx, int code, SyncStatus status) {
    String name = destinations.nameOf(status.definition().destination()).orElseThrow();
    ResponseJson.write(ctx, code, SyncViews.full(status, name, clock.instant()));
  }
}
