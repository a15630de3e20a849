package dev.gcjobs.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The asynchronous detail job endpoints of one {@link JobKind}: submit, status, results, cancel and
 * availability. Thin handlers: read the request, ask the data and the job registry, write the
 * answer.
 */
final class JobEndpoints {
  /** Results page size when the request gives none (Genesys documents no default). */
  static final int DEFAULT_PAGE_SIZE = 100;

  private final JobKind kind;
  private final AnalyticsData data;
  private final JobRegistry jobs;
  private final ResultCursor cursors;
  private final EmulatorConfig config;
  private final Clock clock;

  JobEndpoints(
      JobKind kind,
      AnalyticsData data,
      JobRegistry jobs,
      ResultCursor cursors,
      EmulatorConfig config) {
    this.kind = kind;
    this.data = data;
    this.jobs = jobs;
    this.cursors = cursors;
    this.config = config;
    this.clock = config.clock();
  }

  void register(RoutesConfig routes, RequestPipeline pipeline) {
    // Registered before {jobId} so that "availability" is not taken for a job id.
    routes.get(kind.path + "/availability", pipeline.api(kind.availability, this::availability));
    routes.post(kind.path, pipeline.api(kind.submit, this::submit));
    routes.get(kind.path + "/{jobId}", pipeline.api(kind.status, this::status));
    routes.get(kind.path + "/{jobId}/results", pipeline.api(kind.results, this::results));
    routes.delete(kind.path + "/{jobId}", pipeline.api(kind.cancel, this::cancel));
  }

  private void submit(Context ctx) {
    JsonNode query =
        JsonBody.object(
            ctx,
            config.maxBodyBytes(),
            kind == JobKind.CONVERSATIONS
                ? "an AsyncConversationQuery with at least an interval"
                : "an AsyncUserDetailsQuery with at least an interval");
    List<EmulatedRecord> records =
        kind == JobKind.CONVERSATIONS ? data.conversations(query) : data.userDetails(query);
    AnalyticsJob job =
        jobs.submit(
            kind,
            RequestPipeline.clientId(ctx),
            query.path("interval").asText(),
            records,
            data.dataAvailabilityDate());
    json(ctx.status(202), Map.of("jobId", job.id));
  }

  private void status(Context ctx) {
    AnalyticsJob job = job(ctx);
    Instant now = clock.instant();
    JobState state = job.state(now);
    Map<String, Object> status = new LinkedHashMap<>();
    status.put("state", state.name());
    if (state == JobState.FAILED) {
      status.put("errorMessage", Faults.FAILED_JOB_MESSAGE);
    }
    status.put("submissionDate", WireJson.date(job.submitted));
    Instant completed = job.completionDate(now);
    if (completed != null) {
      status.put("completionDate", WireJson.date(completed));
    }
    if (state == JobState.FULFILLED || state == JobState.EXPIRED) {
      status.put("expirationDate", WireJson.date(job.expires));
    }
    json(ctx, status);
  }

  private void results(Context ctx) {
    AnalyticsJob job = job(ctx);
    int pageSize = pageSize(ctx.queryParam("pageSize"));
    Instant now = clock.instant();
    List<EmulatedRecord> records = job.records(now);
    if (records == null) {
      throw notAvailable(job, job.state(now));
    }
    String cursor = ctx.queryParam("cursor");
    int from = cursor == null || cursor.isEmpty() ? 0 : cursors.decode(job.id, cursor);
    from = Math.min(from, records.size());
    int to = Math.min(records.size(), from + pageSize);
    String next = to < records.size() ? cursors.encode(job.id, to) : null;
    ctx.contentType("application/json")
        .result(
            ResultPage.jobResults(
                kind.resultArray,
                records.subList(from, to),
                next,
                WireJson.date(job.dataAvailability)));
  }

  private void cancel(Context ctx) {
    job(ctx).cancel(clock.instant());
    ctx.status(204);
  }

  private void availability(Context ctx) {
    json(ctx, Map.of("dataAvailabilityDate", WireJson.date(data.dataAvailabilityDate())));
  }

  private AnalyticsJob job(Context ctx) {
    String id = ctx.pathParam("jobId");
    return jobs.find(kind, id)
        .orElseThrow(
            () ->
                new ApiError(
                    404,
                    "not.found",
                    "No " + kind.noun + " details job with id " + id + "; submit the query again"));
  }

  private int pageSize(String value) {
    if (value == null || value.isEmpty()) {
      return Math.min(DEFAULT_PAGE_SIZE, config.maxPageSize());
    }
    int size;
    try {
      size = Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw ApiError.badRequest(
          "pageSize must be a whole number from 1 to "
              + config.maxPageSize()
              + ", got '"
              + value
              + "'");
    }
    if (size < 1) {
      throw ApiError.badRequest(
          "pageSize must be a whole number from 1 to " + config.maxPageSize() + ", got " + size);
    }
    return Math.min(size, config.maxPageSize()); // "the desired maximum": larger asks are clamped
  }

  private ApiError notAvailable(AnalyticsJob job, JobState state) {
    String why =
        switch (state) {
          case QUEUED, PENDING ->
              "the job is "
                  + state
                  + "; poll "
                  + kind.path
                  + "/"
                  + job.id
                  + " until its state is FULFILLED";
          case EXPIRED ->
              "the job EXPIRED at "
                  + WireJson.date(job.expires)
                  + " and its results are gone; submit the query again";
          case CANCELLED -> "the job was CANCELLED and its results are gone";
          default -> "the job is " + state + ": " + Faults.FAILED_JOB_MESSAGE;
        };
    return new ApiError(
        404, "not.found", "Results of job " + job.id + " are not available: " + why);
  }

  private static void json(Context ctx, Object body) {
    ctx.contentType("application/json").result(WireJson.bytes(body));
  }
}
