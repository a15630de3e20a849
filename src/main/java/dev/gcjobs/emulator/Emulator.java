package dev.gcjobs.emulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import io.javalin.compression.CompressionStrategy;
import io.javalin.util.JavalinBindException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * A running Genesys Cloud stand-in: {@code POST /oauth/token} and the analytics detail endpoints
 * under {@code /api/v2/analytics/...} on one port, plus introspection under {@code /emulator/}.
 *
 * <pre>{@code
 * try (Emulator emulator = Emulator.start(EmulatorConfig.builder().build())) {
 *   String base = emulator.baseUrl(); // http://127.0.0.1:PORT, for both login and API calls
 *   emulator.faults().add("results:503=0.1");
 *   ...
 * }
 * }</pre>
 *
 * Thread-safe. All time (tokens, rate limits, jobs) follows {@link EmulatorConfig#clock()}, so a
 * test moves jobs through their states and expires them by moving its clock.
 */
public final class Emulator implements AutoCloseable {
  private final EmulatorConfig config;
  private final AnalyticsData data;
  private final Faults faults;
  private final RequestCounts counts = new RequestCounts();
  private final JobRegistry jobs;
  private final Javalin app;
  private final MovableClock clock;

  private Emulator(EmulatorConfig config, AnalyticsData data, MovableClock clock) {
    this.config = config;
    this.clock = clock;
    this.data = data;
    this.faults = new Faults(config.seed()).addAll(config.faults());
    faults.failedJobFraction(config.failedJobFraction());
    TokenStore tokens =
        new TokenStore(config.clock(), config.tokenTtl(), config.tokenRevokedAfterUse());
    this.jobs = new JobRegistry(config, faults);
    RequestPipeline pipeline =
        new RequestPipeline(
            config,
            faults,
            counts,
            tokens,
            new RateLimiter(config.clock(), config.requestsPerMinute()),
            jobs);
    ResultCursor cursors = new ResultCursor();
    this.app =
        Javalin.create(
            cfg -> {
              cfg.startup.showJavalinBanner = false;
              cfg.startup.showOldJavalinVersionWarning = false;
              // Compressed by ResponseCompression instead, so truncation cuts the bytes sent.
              cfg.http.compressionStrategy = CompressionStrategy.NONE;
              cfg.http.maxRequestSize = config.maxBodyBytes();
              pipeline.register(cfg.routes);
              ErrorMapping.register(cfg.routes);
              new OAuthEndpoint(config, tokens).register(cfg.routes, pipeline);
              for (JobKind kind : JobKind.values()) {
                new JobEndpoints(kind, data, jobs, cursors, config).register(cfg.routes, pipeline);
              }
              new SyncQueryEndpoint(data, config).register(cfg.routes, pipeline);
              new IntrospectionEndpoints(this, config.maxBodyBytes()).register(cfg.routes);
            });
  }

  /**
   * Starts an emulator serving the synthetic org described by the config (seed, volume, users).
   *
   * @throws IllegalStateException when the port cannot be bound
   */
  public static Emulator start(EmulatorConfig config) {
    MovableClock clock = movable(config);
    EmulatorConfig moved = config.toBuilder().clock(clock).build();
    Clock dataClock = config.dataNow().map(now -> Clock.fixed(now, ZoneOffset.UTC)).orElse(clock);
    return start(
        moved,
        clock,
        new SyntheticAnalyticsData(
            config.seed(),
            config.conversationsPerDay(),
            config.users(),
            dataClock,
            config.dataLag(),
            config.lakeChanges()));
  }

  /**
   * Starts an emulator serving the given data instead of the synthetic org (tests that need exact
   * records). The config's data settings (seed, volume, users, data lag and now) are then unused,
   * except the seed, which still seeds fault decisions.
   *
   * @throws IllegalStateException when the port cannot be bound
   */
  public static Emulator start(EmulatorConfig config, AnalyticsData data) {
    MovableClock clock = movable(config);
    return start(config.toBuilder().clock(clock).build(), clock, data);
  }

  /** The config's clock, made movable, at {@link EmulatorConfig#now()} when that is set. */
  private static MovableClock movable(EmulatorConfig config) {
    MovableClock clock = new MovableClock(config.clock());
    config.now().ifPresent(clock::set);
    return clock;
  }

  private static Emulator start(EmulatorConfig config, MovableClock clock, AnalyticsData data) {
    Emulator emulator = new Emulator(config, data, clock);
    try {
      emulator.app.start(config.host(), config.port());
    } catch (JavalinBindException e) {
      throw new IllegalStateException(
          "cannot listen on "
              + config.host()
              + ":"
              + config.port()
              + " (is the port in use? choose another, or 0 for any free one)",
          e);
    }
    return emulator;
  }

  /** The port listened on (the chosen one when the config asked for 0). */
  public int port() {
    return app.port();
  }

  /**
   * {@code http://HOST:PORT}: the base of both the login ({@code /oauth/token}) and the API ({@code
   * /api/v2/...}). A wildcard bind address is reported as 127.0.0.1.
   */
  public String baseUrl() {
    String host = config.host();
    if (host.equals("0.0.0.0") || host.equals("::")) {
      host = "127.0.0.1";
    }
    return "http://" + host + ":" + port();
  }

  /** The id of the first configured OAuth client (the demo client by default). */
  public String clientId() {
    return config.clients().keySet().iterator().next();
  }

  /** The secret of {@link #clientId()}. */
  public String clientSecret() {
    return config.clients().get(clientId());
  }

  /** The configuration started with. */
  public EmulatorConfig config() {
    return config;
  }

  /** Fault injection control; changes apply to the next request. */
  public Faults faults() {
    return faults;
  }

  /** Requests answered so far, by endpoint and status. */
  public RequestCounts requestCounts() {
    return counts;
  }

  /** Every job submitted so far, in the order of submission, with the requests made about it. */
  List<AnalyticsJob> jobs() {
    return jobs.all();
  }

  /**
   * The conversation ids a conversation details job with this {@code AsyncConversationQuery} (JSON)
   * returns, in order.
   *
   * @throws ApiError 400 when the query is malformed, as the endpoint would answer
   */
  public List<String> groundTruthConversationIds(String asyncConversationQueryJson) {
    return groundTruthConversationIds(parse(asyncConversationQueryJson));
  }

  /** As {@link #groundTruthConversationIds(String)}, for a parsed query. */
  public List<String> groundTruthConversationIds(JsonNode asyncConversationQuery) {
    return groundTruthConversationIds(asyncConversationQuery, dataAvailabilityDate());
  }

  /**
   * The conversation ids a job with this query returns while the lake is complete up to {@code
   * asOf} (revisions and deletions included as of then), in order.
   */
  public List<String> groundTruthConversationIds(JsonNode asyncConversationQuery, Instant asOf) {
    return data.conversations(asyncConversationQuery, asOf).stream()
        .map(EmulatedRecord::id)
        .toList();
  }

  /**
   * What the lake holds as of {@code asOf} for the conversations of this query: those a job
   * returns, in its order, then those deleted by then that it would otherwise return, by id.
   */
  public List<ConversationVersion> groundTruthVersions(
      String asyncConversationQueryJson, Instant asOf) {
    return groundTruthVersions(parse(asyncConversationQueryJson), asOf);
  }

  /** As {@link #groundTruthVersions(String, Instant)}, for a parsed query. */
  public List<ConversationVersion> groundTruthVersions(JsonNode query, Instant asOf) {
    List<ConversationVersion> versions = new ArrayList<>();
    data.conversations(query, asOf).forEach(r -> versions.add(ConversationVersion.of(r)));
    data.deletedConversations(query, asOf).forEach(d -> versions.add(ConversationVersion.of(d)));
    return versions;
  }

  /**
   * The user ids a user details job with this {@code AsyncUserDetailsQuery} (JSON) returns, in
   * order.
   *
   * @throws ApiError 400 when the query is malformed, as the endpoint would answer
   */
  public List<String> groundTruthUserIds(String asyncUserDetailsQueryJson) {
    return groundTruthUserIds(parse(asyncUserDetailsQueryJson));
  }

  /** As {@link #groundTruthUserIds(String)}, for a parsed query. */
  public List<String> groundTruthUserIds(JsonNode asyncUserDetailsQuery) {
    return groundTruthUserIds(asyncUserDetailsQuery, dataAvailabilityDate());
  }

  /** The user ids a job with this query returns while the lake is complete up to {@code asOf}. */
  public List<String> groundTruthUserIds(JsonNode asyncUserDetailsQuery, Instant asOf) {
    return data.userDetails(asyncUserDetailsQuery, asOf).stream().map(EmulatedRecord::id).toList();
  }

  /** Stops the server; jobs and tokens are gone. */
  @Override
  public void close() {
    app.stop();
  }

  private static JsonNode parse(String json) {
    try {
      JsonNode node = WireJson.MAPPER.readTree(json);
      if (node == null || !node.isObject()) {
        throw ApiError.badRequest("the query must be a JSON object");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw ApiError.badRequest("the query is not valid JSON: " + e.getOriginalMessage());
    }
  }

  /**
   * The emulator's clock: a client under test that lives on it sees Genesys' time move when the
   * emulator's clock is moved (a cache of availability expiring, a sync's lag).
   */
  public Clock clock() {
    return clock;
  }

  /** What the emulator's clock reads now. */
  public Instant now() {
    return clock.instant();
  }

  /** From now on the emulator's clock reads {@code now} and goes on from there. */
  public void setNow(Instant now) {
    clock.set(now);
  }

  /**
   * Moves the emulator's clock forward: jobs, tokens, rate limits and the data lake live it.
   *
   * @throws IllegalArgumentException when {@code by} is negative
   */
  public void advanceClock(Duration by) {
    clock.advance(by);
  }

  /** Up to when the data lake is complete, as jobs and the availability endpoints say. */
  public Instant dataAvailabilityDate() {
    return data.dataAvailabilityDate();
  }
}
