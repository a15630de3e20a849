package dev.gcjobs.genesys;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * The analytics detail jobs API (conversation and user details) and the synchronous conversation
 * details query, on a {@link GenesysClient}: every call goes through its budget, token and retries.
 *
 * <p>Results pages are streamed: each record reaches the sink as the raw JSON bytes Genesys sent,
 * and only once the whole page has been read, so a truncated page is fetched again rather than half
 * delivered. Thread-safe.
 *
 * <p>Note that a submit is retried like any call: if Genesys accepted a job but its answer was
 * lost, the retry submits a second job and the first one simply expires unread.
 */
public final class AnalyticsJobsApi {
  private static final int BAD_REQUEST = 400;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String QUERY_PATH = "/api/v2/analytics/conversations/details/query";

  private final GenesysClient client;

  AnalyticsJobsApi(GenesysClient client) {
    this.client = client;
  }

  /**
   * Submits a job ({@code AsyncConversationQuery} or {@code AsyncUserDetailsQuery}).
   *
   * @return the job's id
   * @throws GenesysException when Genesys rejects the query (400 with the reason) or the call fails
   */
  public String submit(JobKind kind, JsonNode query) {
    ApiRequest request = ApiRequest.post("POST " + kind.jobsPath(), kind.jobsPath(), query);
    return client.send(
        request,
        response -> {
          JsonNode answer = tree(response.body(), "the submit answer");
          String jobId = answer.path("jobId").asText("");
          if (jobId.isEmpty()) {
            throw new MalformedResponseException("the submit answer has no jobId", null);
          }
          return jobId;
        });
  }

  /**
   * Reads a job's status.
   *
   * @throws JobNotFoundException when Genesys does not know the job (expired and removed, or never
   *     existed): submit it again
   * @throws GenesysException when the call fails otherwise
   */
  public JobStatus status(JobKind kind, String jobId) {
    ApiRequest request =
        ApiRequest.get("GET " + kind.jobsPath() + "/{jobId}", jobPath(kind, jobId));
    try {
      return client.send(
          request,
          response -> {
            JsonNode s = tree(response.body(), "the job status");
            if (!s.path("state").isTextual()) {
              throw new MalformedResponseException("the job status has no state", null);
            }
            String raw = s.get("state").asText();
            return new JobStatus(
                JobState.of(raw),
                raw,
                date(s, "submissionDate"),
                date(s, "completionDate"),
                date(s, "expirationDate"),
                s.hasNonNull("errorMessage") ? s.get("errorMessage").asText() : null);
          });
    } catch (GenesysException e) {
      throw notFoundAsJobGone(kind, jobId, e);
    }
  }

  /**
   * Reads one page of a FULFILLED job's results and hands each record to {@code recordSink}, in
   * order, as the raw JSON bytes of the record, after the whole page has been read and checked.
   *
   * @param cursor the previous page's cursor, or null for the first page
   * @param pageSize the most records wanted (Genesys may send fewer)
   * @return the next cursor (null after the last page), the availability date and the count
   * @throws ResultsNotReadyException on a 4xx but 400: the job is not FULFILLED yet or is gone
   *     (never "no data")
   * @throws GenesysException on a 400 (final: the request is wrong), or when the call fails
   *     otherwise
   */
  public PageInfo resultsPage(
      JobKind kind, String jobId, String cursor, int pageSize, Consumer<byte[]> recordSink) {
    if (pageSize < 1) {
      throw new IllegalArgumentException("pageSize must be at least 1, got " + pageSize);
    }
    String path =
        jobPath(kind, jobId)
            + "/results?pageSize="
            + pageSize
            + (cursor == null ? "" : "&cursor=" + encode(cursor));
    ApiRequest request = ApiRequest.get("GET " + kind.jobsPath() + "/{jobId}/results", path);
    ResultsPageParser.Page page;
    try {
      page =
          client.send(
              request, response -> ResultsPageParser.parse(response.body(), kind.recordsField()));
    } catch (GenesysAuthException e) {
      throw e;
    } catch (GenesysException e) {
      // A 400 says the request itself is wrong (a bad cursor or page size): asking again cannot
      // help, so it is final, with Genesys' error body. Other 4xx mean the results are not there.
      if (e.status() != BAD_REQUEST && e.status() >= 400 && e.status() < 500) {
        throw new ResultsNotReadyException(kind, jobId, e);
      }
      throw e;
    }
    page.records().forEach(recordSink);
    return new PageInfo(page.cursor(), page.dataAvailabilityDate(), page.records().size());
  }

  /**
   * Cancels (deletes) a job.
   *
   * @throws JobNotFoundException when Genesys does not know the job
   * @throws GenesysException when the call fails otherwise
   */
  public void cancel(JobKind kind, String jobId) {
    ApiRequest request =
        ApiRequest.delete("DELETE " + kind.jobsPath() + "/{jobId}", jobPath(kind, jobId));
    try {
      client.send(request, response -> null);
    } catch (GenesysException e) {
      throw notFoundAsJobGone(kind, jobId, e);
    }
  }

  /**
   * The instant up to which the data lake holds conversation data: jobs see nothing newer.
   *
   * @throws GenesysException when the call fails
   */
  public Instant availability() {
    return availability(JobKind.CONVERSATION_DETAILS);
  }

  /**
   * The instant up to which the data lake holds data of this kind ({@code GET
   * .../jobs/availability}): jobs see nothing newer.
   *
   * @throws GenesysException when the call fails
   */
  public Instant availability(JobKind kind) {
    String path = kind.jobsPath() + "/availability";
    return client.send(
        ApiRequest.get("GET " + path, path),
        response -> {
          JsonNode answer = tree(response.body(), "the availability answer");
          Instant date = date(answer, "dataAvailabilityDate");
          if (date == null) {
            throw new MalformedResponseException("the availability answer has no date", null);
          }
          return date;
        });
  }

  /**
   * Runs a synchronous conversation details query ({@code POST .../conversations/details/query}),
   * meant for small, recent intervals; it answers 504 on large ranges, where jobs are the way.
   *
   * @return Genesys's answer ({@code conversations}, {@code totalHits}, ...)
   * @throws GenesysException when Genesys rejects the query or the call fails
   */
  public JsonNode query(JsonNode conversationQuery) {
    ApiRequest request = ApiRequest.postQuery("POST " + QUERY_PATH, QUERY_PATH, conversationQuery);
    return client.send(request, response -> tree(response.body(), "the query answer"));
  }

  private static String jobPath(JobKind kind, String jobId) {
    if (jobId == null || jobId.isBlank()) {
      throw new IllegalArgumentException("jobId is empty");
    }
    return kind.jobsPath() + "/" + encode(jobId);
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static GenesysException notFoundAsJobGone(
      JobKind kind, String jobId, GenesysException e) {
    if (e.status() == 404 && !(e instanceof GenesysAuthException)) {
      return new JobNotFoundException(kind, jobId, e);
    }
    return e;
  }

  private static JsonNode tree(byte[] body, String what) throws MalformedResponseException {
    try {
      JsonNode node = JSON.readTree(body);
      if (node == null || !node.isObject()) {
        throw new MalformedResponseException(what + " is not a JSON object", null);
      }
      return node;
    } catch (IOException e) {
      throw new MalformedResponseException(
          what + " is truncated or not JSON (" + e.getClass().getSimpleName() + ")", null);
    }
  }

  private static Instant date(JsonNode node, String field) throws MalformedResponseException {
    if (!node.hasNonNull(field)) {
      return null;
    }
    Instant date = IsoInstant.parse(node.get(field).asText());
    if (date == null) {
      throw new MalformedResponseException(field + " is not an ISO-8601 date", null);
    }
    return date;
  }
}
