package dev.gcjobs.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Endpoints for tests and users under {@code /emulator/}, a prefix Genesys does not use. They need
 * no token, are not rate limited, get no faults and are not counted.
 *
 * <ul>
 *   <li>{@code POST /emulator/ground-truth/conversations} (an AsyncConversationQuery) and {@code
 *       POST /emulator/ground-truth/users} (an AsyncUserDetailsQuery): {@code {"asOf", "count",
 *       "ids"}} of what a job with that query returns, in order, while the lake is complete up to
 *       {@code ?asOf=INSTANT} (default: the current availability); conversations with {@code
 *       ?view=versions}: {@code {"asOf", "count", "deletedCount", "conversations":
 *       [{"conversationId", "version", "hash", "inProgress", "deleted", "deletedAt"}]}}, the
 *       deleted ones last;
 *   <li>{@code GET /emulator/stats}: {@code {"requests": {endpoint: {status: count}}}};
 *   <li>{@code GET /emulator/jobs}: {@code {"jobs": [...]}}, every job submitted, in the order of
 *       submission: {@code id}, {@code kind} ({@code conversations} or {@code users}), the {@code
 *       clientId} that submitted it, the query's {@code interval} as sent, {@code submittedAt} (by
 *       the emulated clock, which times the job's states), {@code records} (how many the job
 *       matched) and {@code requests}, every answered status, results and cancel request about it
 *       in the order answered: {@code endpoint}, {@code clientId} (null when authentication
 *       failed), {@code cursor} (results requests; null for the first page), {@code status} (0 for
 *       an injected connection reset), {@code startedAt} and {@code endedAt} (ISO-8601 with full
 *       precision, by the wall clock even when the emulated clock is another, so that requests
 *       served at once overlap). For tests that check who did what to which job; the jobs and their
 *       logs are kept for the emulator's lifetime;
 *   <li>{@code GET /emulator/faults}: the active rules; {@code POST /emulator/faults} with {@code
 *       {"rules": ["results:503=0.1", "results@3=503"], "failedJobFraction": 0.1}} adds rules and
 *       sets the fraction (each optional); {@code DELETE /emulator/faults} clears them.
 * </ul>
 */
final class IntrospectionEndpoints {
  private final Emulator emulator;
  private final int maxBodyBytes;

  IntrospectionEndpoints(Emulator emulator, int maxBodyBytes) {
    this.emulator = emulator;
    this.maxBodyBytes = maxBodyBytes;
  }

  void register(RoutesConfig routes) {
    routes.post("/emulator/ground-truth/conversations", this::conversationTruth);
    routes.post("/emulator/ground-truth/users", this::userTruth);
    routes.get("/emulator/clock", ctx -> clock(ctx));
    routes.post("/emulator/clock", this::moveClock);
    routes.get("/emulator/stats", this::stats);
    routes.get("/emulator/jobs", this::jobs);
    routes.get("/emulator/faults", this::faults);
    routes.post("/emulator/faults", this::addFaults);
    routes.delete(
        "/emulator/faults",
        ctx -> {
          emulator.faults().clear();
          ctx.status(204);
        });
  }

  private JsonNode query(Context ctx) {
    return JsonBody.object(ctx, maxBodyBytes, "the query a job would be submitted with");
  }

  private void conversationTruth(Context ctx) {
    Instant asOf = asOf(ctx);
    String view = ctx.queryParam("view");
    if (view == null || view.equals("ids")) {
      ids(ctx, asOf, emulator.groundTruthConversationIds(query(ctx), asOf));
    } else if (view.equals("versions")) {
      versions(ctx, asOf, emulator.groundTruthVersions(query(ctx), asOf));
    } else {
      throw ApiError.badRequest("view must be ids (the default) or versions, got '" + view + "'");
    }
  }

  private void userTruth(Context ctx) {
    Instant asOf = asOf(ctx);
    String view = ctx.queryParam("view");
    if (view != null && !view.equals("ids")) {
      throw ApiError.badRequest(
          "view must be ids for users (user details have no versions), got '" + view + "'");
    }
    ids(ctx, asOf, emulator.groundTruthUserIds(query(ctx), asOf));
  }

  /** {@code ?asOf=INSTANT}, an availability instant up to the emulator's now; default: today's. */
  private Instant asOf(Context ctx) {
    String value = ctx.queryParam("asOf");
    if (value == null || value.isEmpty()) {
      return emulator.dataAvailabilityDate();
    }
    Instant asOf;
    try {
      asOf = Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw ApiError.badRequest(
          "asOf must be an ISO-8601 instant such as 2024-06-01T00:00:00Z, got '" + value + "'");
    }
    if (asOf.isAfter(emulator.now())) {
      throw ApiError.badRequest(
          "asOf "
              + value
              + " is after the emulator's now ("
              + WireJson.date(emulator.now())
              + "): the lake holds nothing from the future");
    }
    return asOf;
  }

  private static void ids(Context ctx, Instant asOf, List<String> ids) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("asOf", WireJson.date(asOf));
    body.put("count", ids.size());
    body.put("ids", ids);
    json(ctx, body);
  }

  private static void versions(Context ctx, Instant asOf, List<ConversationVersion> versions) {
    List<Map<String, Object>> conversations = new ArrayList<>();
    int deleted = 0;
    for (ConversationVersion v : versions) {
      Map<String, Object> c = new LinkedHashMap<>();
      c.put("conversationId", v.conversationId());
      c.put("version", v.version());
      c.put("hash", v.hash());
      c.put("inProgress", v.inProgress());
      c.put("deleted", v.deleted());
      c.put("deletedAt", v.deleted() ? WireJson.date(v.deletedAt()) : null);
      conversations.add(c);
      deleted += v.deleted() ? 1 : 0;
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("asOf", WireJson.date(asOf));
    body.put("count", versions.size() - deleted);
    body.put("deletedCount", deleted);
    body.put("conversations", conversations);
    json(ctx, body);
  }

  private void stats(Context ctx) {
    Map<String, Map<String, Long>> requests = new TreeMap<>();
    emulator
        .requestCounts()
        .snapshot()
        .forEach(
            (endpoint, byStatus) -> {
              Map<String, Long> statuses = new TreeMap<>();
              byStatus.forEach((status, n) -> statuses.put(Integer.toString(status), n));
              requests.put(endpoint.wireName(), statuses);
            });
    json(ctx, Map.of("requests", requests));
  }

  private void jobs(Context ctx) {
    List<Map<String, Object>> jobs = new ArrayList<>();
    for (AnalyticsJob job : emulator.jobs()) {
      List<Map<String, Object>> requests = new ArrayList<>();
      for (JobRequest r : job.requests()) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("endpoint", r.endpoint().wireName());
        request.put("clientId", r.clientId());
        request.put("cursor", r.cursor());
        request.put("status", r.status());
        request.put("startedAt", r.startedAt().toString());
        request.put("endedAt", r.endedAt().toString());
        requests.add(request);
      }
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("id", job.id);
      body.put("kind", job.kind.name().toLowerCase(Locale.ROOT));
      body.put("clientId", job.clientId);
      body.put("interval", job.interval);
      body.put("submittedAt", job.submitted.toString());
      body.put("records", job.recordCount);
      body.put("requests", requests);
      jobs.add(body);
    }
    json(ctx, Map.of("jobs", jobs));
  }

  private void faults(Context ctx) {
    Faults faults = emulator.faults();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("rules", faults.rules());
    body.put("failedJobFraction", faults.failedJobFraction());
    json(ctx, body);
  }

  private void clock(Context ctx) {
    json(
        ctx,
        Map.of(
            "now", WireJson.date(emulator.now()),
            "dataAvailabilityDate", WireJson.date(emulator.dataAvailabilityDate())));
  }

  /** {@code {"now": INSTANT}} or {@code {"advance": DURATION}}; answers as GET does. */
  private void moveClock(Context ctx) {
    JsonNode body =
        JsonBody.object(ctx, maxBodyBytes, "{\"now\": \"...\"} or {\"advance\": \"PT6H\"}");
    JsonNode now = body.path("now");
    JsonNode advance = body.path("advance");
    if (now.isMissingNode() == advance.isMissingNode()) {
      throw ApiError.badRequest(
          "give either now (an ISO-8601 instant) or advance (an ISO-8601 duration such as PT6H)");
    }
    try {
      if (!now.isMissingNode()) {
        emulator.setNow(Instant.parse(now.asText()));
      } else {
        emulator.advanceClock(Duration.parse(advance.asText()));
      }
    } catch (DateTimeParseException | IllegalArgumentException e) {
      throw ApiError.badRequest(
          "cannot move the clock: "
              + e.getMessage()
              + "; now is an instant such as 2024-06-01T00:00:00Z, advance a duration such as"
              + " PT6H (never negative)");
    }
    clock(ctx);
  }

  private void addFaults(Context ctx) {
    JsonNode body =
        JsonBody.object(ctx, maxBodyBytes, "{\"rules\": [...], \"failedJobFraction\": x}");
    JsonNode rules = body.path("rules");
    JsonNode fraction = body.path("failedJobFraction");
    if (!rules.isMissingNode() && !rules.isArray()) {
      throw ApiError.badRequest("rules must be an array of strings such as \"results:503=0.1\"");
    }
    if (!fraction.isMissingNode() && !fraction.isNumber()) {
      throw ApiError.badRequest("failedJobFraction must be a number between 0 and 1");
    }
    try {
      List<FaultRule> parsed = new ArrayList<>();
      for (JsonNode rule : rules) {
        if (!rule.isTextual()) {
          throw ApiError.badRequest(
              "rules must be strings such as \"results:503=0.1\", got " + rule);
        }
        parsed.add(FaultRule.parse(rule.textValue()));
      }
      parsed.forEach(emulator.faults()::add);
      if (fraction.isNumber()) {
        emulator.faults().failedJobFraction(fraction.doubleValue());
      }
    } catch (IllegalArgumentException e) {
      throw ApiError.badRequest(e.getMessage());
    }
    faults(ctx);
  }

  private static void json(Context ctx, Object body) {
    ctx.contentType("application/json").result(WireJson.bytes(body));
  }
}
