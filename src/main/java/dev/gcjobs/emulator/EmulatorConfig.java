package dev.gcjobs.emulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Settings of an {@link Emulator}: immutable and validated when built. Start from {@link
 * #builder()}; every setting has a {@code DEFAULT_*} constant. {@code toString()} never shows
 * client secrets.
 */
public final class EmulatorConfig {
  /** 0: an ephemeral port chosen at start ({@link Emulator#port()} tells which). */
  public static final int DEFAULT_PORT = 0;

  /** Loopback only: the emulator has no TLS and its introspection endpoints no authentication. */
  public static final String DEFAULT_HOST = "127.0.0.1";

  public static final long DEFAULT_SEED = SyntheticAnalyticsData.DEFAULT_SEED;

  /** About what a mid-sized contact centre handles. */
  public static final int DEFAULT_CONVERSATIONS_PER_DAY =
      SyntheticAnalyticsData.DEFAULT_CONVERSATIONS_PER_DAY;

  public static final int DEFAULT_USERS = SyntheticAnalyticsData.DEFAULT_USERS;

  /** How far the data lake's availability date trails the data's "now". */
  public static final Duration DEFAULT_DATA_LAG = SyntheticAnalyticsData.DEFAULT_DATA_LAG;

  /** The documented demo client, printed at start. */
  public static final String DEFAULT_CLIENT_ID = "gcjobs-demo";

  public static final String DEFAULT_CLIENT_SECRET = "gcjobs-demo-secret";

  /** Genesys' default token lifetime for an OAuth client. */
  public static final Duration DEFAULT_TOKEN_TTL = Duration.ofHours(24);

  /** Users report about 3 s for the smallest jobs. */
  public static final Duration DEFAULT_JOB_BASE_DELAY = Duration.ofSeconds(3);

  /** 1 ms per matched record: a month of 2,000 conversations a day takes about a minute. */
  public static final Duration DEFAULT_JOB_PER_RECORD_DELAY = Duration.ofMillis(1);

  /** What connectors use with the real API. */
  public static final int DEFAULT_MAX_PAGE_SIZE = 1_000;

  /** How long a FULFILLED job's results stay; unknown for Genesys, so configurable. */
  public static final Duration DEFAULT_RESULT_RETENTION = Duration.ofHours(1);

  /** The commonly quoted limit of a client-credentials token. */
  public static final int DEFAULT_REQUESTS_PER_MINUTE = 300;

  public static final int DEFAULT_MAX_CONCURRENT_JOBS_PER_CLIENT = 10;

  /** A synchronous query matching more records than this answers 504 (a week of defaults does). */
  public static final int DEFAULT_SYNC_TIMEOUT_THRESHOLD = 10_000;

  public static final int DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

  /** Retry-After of injected 429 answers. */
  public static final Duration DEFAULT_INJECTED_RETRY_AFTER = Duration.ofSeconds(1);

  /** How long a {@link FaultKind#SLOW} answer is held back. */
  public static final Duration DEFAULT_SLOW_DELAY = Duration.ofSeconds(3);

  private final int port;
  private final String host;
  private final long seed;
  private final int conversationsPerDay;
  private final int users;
  private final Duration dataLag;
  private final LakeChanges lakeChanges;
  private final Instant dataNow;
  private final Instant now;
  private final Map<String, String> clients;
  private final Duration tokenTtl;
  private final Duration tokenRevokedAfterUse;
  private final Duration jobBaseDelay;
  private final Duration jobPerRecordDelay;
  private final int maxPageSize;
  private final Duration resultRetention;
  private final int requestsPerMinute;
  private final int maxConcurrentJobsPerClient;
  private final int syncTimeoutThreshold;
  private final int maxBodyBytes;
  private final double failedJobFraction;
  private final List<FaultRule> faults;
  private final Duration injectedRetryAfter;
  private final Duration slowDelay;
  private final boolean compressResponses;
  private final Clock clock;

  private EmulatorConfig(Builder b) {
    port = check(b.port, b.port >= 0 && b.port <= 65_535, "port", "0..65535");
    host = require(b.host, "host");
    seed = b.seed;
    conversationsPerDay =
        check(b.conversationsPerDay, b.conversationsPerDay >= 0, "conversationsPerDay", ">= 0");
    users = check(b.users, b.users >= 1, "users", ">= 1");
    dataLag = nonNegative(b.dataLag, "dataLag");
    lakeChanges = require(b.lakeChanges, "lakeChanges");
    dataNow = b.dataNow;
    now = b.now;
    if (b.clients.isEmpty()) {
      throw new IllegalArgumentException("clients: at least one OAuth client is needed");
    }
    b.clients.forEach(
        (id, secret) -> {
          if (id == null || id.isBlank() || secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException("clients: a client id or secret is empty");
          }
        });
    clients = Collections.unmodifiableMap(new LinkedHashMap<>(b.clients));
    tokenTtl = positive(b.tokenTtl, "tokenTtl");
    tokenRevokedAfterUse =
        b.tokenRevokedAfterUse == null
            ? null
            : positive(b.tokenRevokedAfterUse, "tokenRevokedAfterUse");
    jobBaseDelay = nonNegative(b.jobBaseDelay, "jobBaseDelay");
    jobPerRecordDelay = nonNegative(b.jobPerRecordDelay, "jobPerRecordDelay");
    maxPageSize = check(b.maxPageSize, b.maxPageSize >= 1, "maxPageSize", ">= 1");
    resultRetention = positive(b.resultRetention, "resultRetention");
    requestsPerMinute =
        check(b.requestsPerMinute, b.requestsPerMinute >= 1, "requestsPerMinute", ">= 1");
    maxConcurrentJobsPerClient =
        check(
            b.maxConcurrentJobsPerClient,
            b.maxConcurrentJobsPerClient >= 1,
            "maxConcurrentJobsPerClient",
            ">= 1");
    syncTimeoutThreshold =
        check(b.syncTimeoutThreshold, b.syncTimeoutThreshold >= 0, "syncTimeoutThreshold", ">= 0");
    maxBodyBytes = check(b.maxBodyBytes, b.maxBodyBytes >= 1024, "maxBodyBytes", ">= 1024");
    if (!(b.failedJobFraction >= 0 && b.failedJobFraction <= 1)) {
      throw new IllegalArgumentException(
          "failedJobFraction must be between 0 and 1, got " + b.failedJobFraction);
    }
    failedJobFraction = b.failedJobFraction;
    faults = List.copyOf(b.faults);
    new Faults(0)
        .addAll(faults); // rejects probabilities adding up to more than 1 now, not at start
    injectedRetryAfter = nonNegative(b.injectedRetryAfter, "injectedRetryAfter");
    slowDelay = nonNegative(b.slowDelay, "slowDelay");
    compressResponses = b.compressResponses;
    clock = require(b.clock, "clock");
  }

  /** A builder with every default. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this configuration's settings. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.port = port;
    b.host = host;
    b.seed = seed;
    b.conversationsPerDay = conversationsPerDay;
    b.users = users;
    b.dataLag = dataLag;
    b.lakeChanges = lakeChanges;
    b.dataNow = dataNow;
    b.now = now;
    b.clients.clear();
    b.clients.putAll(clients);
    b.clientsSet = true;
    b.tokenTtl = tokenTtl;
    b.tokenRevokedAfterUse = tokenRevokedAfterUse;
    b.jobBaseDelay = jobBaseDelay;
    b.jobPerRecordDelay = jobPerRecordDelay;
    b.maxPageSize = maxPageSize;
    b.resultRetention = resultRetention;
    b.requestsPerMinute = requestsPerMinute;
    b.maxConcurrentJobsPerClient = maxConcurrentJobsPerClient;
    b.syncTimeoutThreshold = syncTimeoutThreshold;
    b.maxBodyBytes = maxBodyBytes;
    b.failedJobFraction = failedJobFraction;
    b.faults.addAll(faults);
    b.injectedRetryAfter = injectedRetryAfter;
    b.slowDelay = slowDelay;
    b.compressResponses = compressResponses;
    b.clock = clock;
    return b;
  }

  /** TCP port to listen on; 0 for an ephemeral one. */
  public int port() {
    return port;
  }

  /** Interface to bind, {@code 127.0.0.1} by default. */
  public String host() {
    return host;
  }

  /** Seed of the synthetic data and of fault decisions. */
  public long seed() {
    return seed;
  }

  public int conversationsPerDay() {
    return conversationsPerDay;
  }

  /** Number of users in the synthetic org. */
  public int users() {
    return users;
  }

  /** How far {@code dataAvailabilityDate} trails "now". */
  public Duration dataLag() {
    return dataLag;
  }

  /** Which conversations the data lake revises or deletes after they ended, and when. */
  public LakeChanges lakeChanges() {
    return lakeChanges;
  }

  /** A fixed "now" for the data (in-progress conversations, availability), if set. */
  public Optional<Instant> dataNow() {
    return Optional.ofNullable(dataNow);
  }

  /**
   * Where the emulator's clock starts, if set: it then goes on from there, and {@code POST
   * /emulator/clock} moves it. Unset, it follows {@link #clock()}.
   */
  public Optional<Instant> now() {
    return Optional.ofNullable(now);
  }

  /** OAuth clients: id → secret, in the order added; the first is the one printed at start. */
  public Map<String, String> clients() {
    return clients;
  }

  /** {@code expires_in} of issued tokens. */
  public Duration tokenTtl() {
    return tokenTtl;
  }

  /**
   * How long after its first use a token is refused (401), whatever its {@code expires_in} said: a
   * proxy or an admin revoking tokens early. Empty: tokens live their lifetime.
   */
  public Optional<Duration> tokenRevokedAfterUse() {
    return Optional.ofNullable(tokenRevokedAfterUse);
  }

  /** Time a job takes with no matched records (the first half QUEUED, then PENDING). */
  public Duration jobBaseDelay() {
    return jobBaseDelay;
  }

  /** Time a job takes per matched record, on top of the base delay. */
  public Duration jobPerRecordDelay() {
    return jobPerRecordDelay;
  }

  /** Largest results page; a larger {@code pageSize} is clamped to it. */
  public int maxPageSize() {
    return maxPageSize;
  }

  /** How long a FULFILLED job keeps its results before it turns EXPIRED. */
  public Duration resultRetention() {
    return resultRetention;
  }

  /** Size of each client's token bucket, refilled evenly over a minute. */
  public int requestsPerMinute() {
    return requestsPerMinute;
  }

  /** QUEUED or PENDING jobs one client may have; the next submit gets 429. */
  public int maxConcurrentJobsPerClient() {
    return maxConcurrentJobsPerClient;
  }

  /** A synchronous query matching more records than this answers 504. */
  public int syncTimeoutThreshold() {
    return syncTimeoutThreshold;
  }

  /** Largest accepted request body; a larger one gets 413. */
  public int maxBodyBytes() {
    return maxBodyBytes;
  }

  /** Fraction of jobs that end FAILED, at start (changeable through {@link Emulator#faults()}). */
  public double failedJobFraction() {
    return failedJobFraction;
  }

  /** Fault rules active at start. */
  public List<FaultRule> faults() {
    return faults;
  }

  /** {@code Retry-After} of injected 429 answers. */
  public Duration injectedRetryAfter() {
    return injectedRetryAfter;
  }

  /** Delay of {@link FaultKind#SLOW} answers. */
  public Duration slowDelay() {
    return slowDelay;
  }

  /** Whether answers are gzipped for clients that accept it, as Genesys' edge does (default). */
  public boolean compressResponses() {
    return compressResponses;
  }

  /** The clock of tokens, rate limits and jobs; tests pass one they can move. */
  public Clock clock() {
    return clock;
  }

  @Override
  public String toString() {
    return "EmulatorConfig{host="
        + host
        + ", port="
        + port
        + ", seed="
        + seed
        + ", conversationsPerDay="
        + conversationsPerDay
        + ", users="
        + users
        + ", clients="
        + clients.keySet()
        + ", lakeChanges="
        + lakeChanges
        + ", tokenTtl="
        + tokenTtl
        + ", tokenRevokedAfterUse="
        + tokenRevokedAfterUse
        + ", jobBaseDelay="
        + jobBaseDelay
        + ", jobPerRecordDelay="
        + jobPerRecordDelay
        + ", maxPageSize="
        + maxPageSize
        + ", resultRetention="
        + resultRetention
        + ", requestsPerMinute="
        + requestsPerMinute
        + ", maxConcurrentJobsPerClient="
        + maxConcurrentJobsPerClient
        + ", syncTimeoutThreshold="
        + syncTimeoutThreshold
        + ", faults="
        + faults.size()
        + ", failedJobFraction="
        + failedJobFraction
        + "}";
  }

  private static int check(int value, boolean ok, String name, String range) {
    if (!ok) {
      throw new IllegalArgumentException(name + " must be " + range + ", got " + value);
    }
    return value;
  }

  private static <T> T require(T value, String name) {
    if (value == null) {
      throw new IllegalArgumentException(name + " is required");
    }
    return value;
  }

  private static Duration nonNegative(Duration d, String name) {
    if (require(d, name).isNegative()) {
      throw new IllegalArgumentException(name + " must not be negative, got " + d);
    }
    return d;
  }

  private static Duration positive(Duration d, String name) {
    if (require(d, name).isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, got " + d);
    }
    return d;
  }

  /** Collects settings; {@link #build()} validates them. Not thread-safe. */
  public static final class Builder {
    private int port = DEFAULT_PORT;
    private String host = DEFAULT_HOST;
    private long seed = DEFAULT_SEED;
    private int conversationsPerDay = DEFAULT_CONVERSATIONS_PER_DAY;
    private int users = DEFAULT_USERS;
    private Duration dataLag = DEFAULT_DATA_LAG;
    private LakeChanges lakeChanges = LakeChanges.DEFAULT;
    private Instant dataNow;
    private Instant now;
    private final Map<String, String> clients =
        new LinkedHashMap<>(Map.of(DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET));
    private boolean clientsSet;
    private Duration tokenTtl = DEFAULT_TOKEN_TTL;
    private Duration tokenRevokedAfterUse;
    private Duration jobBaseDelay = DEFAULT_JOB_BASE_DELAY;
    private Duration jobPerRecordDelay = DEFAULT_JOB_PER_RECORD_DELAY;
    private int maxPageSize = DEFAULT_MAX_PAGE_SIZE;
    private Duration resultRetention = DEFAULT_RESULT_RETENTION;
    private int requestsPerMinute = DEFAULT_REQUESTS_PER_MINUTE;
    private int maxConcurrentJobsPerClient = DEFAULT_MAX_CONCURRENT_JOBS_PER_CLIENT;
    private int syncTimeoutThreshold = DEFAULT_SYNC_TIMEOUT_THRESHOLD;
    private int maxBodyBytes = DEFAULT_MAX_BODY_BYTES;
    private double failedJobFraction;
    private final List<FaultRule> faults = new ArrayList<>();
    private Duration injectedRetryAfter = DEFAULT_INJECTED_RETRY_AFTER;
    private Duration slowDelay = DEFAULT_SLOW_DELAY;
    private boolean compressResponses = true;
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    public Builder port(int port) {
      this.port = port;
      return this;
    }

    public Builder host(String host) {
      this.host = host;
      return this;
    }

    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    public Builder conversationsPerDay(int conversationsPerDay) {
      this.conversationsPerDay = conversationsPerDay;
      return this;
    }

    public Builder users(int users) {
      this.users = users;
      return this;
    }

    public Builder dataLag(Duration dataLag) {
      this.dataLag = dataLag;
      return this;
    }

    /** Revisions and deletions of the data lake ({@link LakeChanges#NONE}: none). */
    public Builder lakeChanges(LakeChanges lakeChanges) {
      this.lakeChanges = lakeChanges;
      return this;
    }

    /** Starts the emulator's clock at {@code now} (null: it follows {@link #clock(Clock)}). */
    public Builder now(Instant now) {
      this.now = now;
      return this;
    }

    /** Freezes the data's "now" (null: the data follows {@link #clock(Clock)}). */
    public Builder dataNow(Instant dataNow) {
      this.dataNow = dataNow;
      return this;
    }

    /**
     * Adds an OAuth client. The first call replaces the default demo client; later calls add more.
     */
    public Builder client(String id, String secret) {
      if (!clientsSet) {
        clients.clear();
        clientsSet = true;
      }
      clients.put(id, secret);
      return this;
    }

    public Builder tokenTtl(Duration tokenTtl) {
      this.tokenTtl = tokenTtl;
      return this;
    }

    /** Refuses each token this long after its first use (null: never early). */
    public Builder tokenRevokedAfterUse(Duration tokenRevokedAfterUse) {
      this.tokenRevokedAfterUse = tokenRevokedAfterUse;
      return this;
    }

    public Builder jobBaseDelay(Duration jobBaseDelay) {
      this.jobBaseDelay = jobBaseDelay;
      return this;
    }

    public Builder jobPerRecordDelay(Duration jobPerRecordDelay) {
      this.jobPerRecordDelay = jobPerRecordDelay;
      return this;
    }

    public Builder maxPageSize(int maxPageSize) {
      this.maxPageSize = maxPageSize;
      return this;
    }

    public Builder resultRetention(Duration resultRetention) {
      this.resultRetention = resultRetention;
      return this;
    }

    public Builder requestsPerMinute(int requestsPerMinute) {
      this.requestsPerMinute = requestsPerMinute;
      return this;
    }

    public Builder maxConcurrentJobsPerClient(int maxConcurrentJobsPerClient) {
      this.maxConcurrentJobsPerClient = maxConcurrentJobsPerClient;
      return this;
    }

    public Builder syncTimeoutThreshold(int syncTimeoutThreshold) {
      this.syncTimeoutThreshold = syncTimeoutThreshold;
      return this;
    }

    public Builder maxBodyBytes(int maxBodyBytes) {
      this.maxBodyBytes = maxBodyBytes;
      return this;
    }

    public Builder failedJobFraction(double failedJobFraction) {
      this.failedJobFraction = failedJobFraction;
      return this;
    }

    /** Adds a fault rule active from start (see {@link FaultRule} for the syntax). */
    public Builder fault(String rule) {
      return fault(FaultRule.parse(rule));
    }

    public Builder fault(FaultRule rule) {
      faults.add(rule);
      return this;
    }

    public Builder injectedRetryAfter(Duration injectedRetryAfter) {
      this.injectedRetryAfter = injectedRetryAfter;
      return this;
    }

    public Builder slowDelay(Duration slowDelay) {
      this.slowDelay = slowDelay;
      return this;
    }

    /**
     * False: plain answers even when the client accepts gzip. For benchmarks, where the emulator's
     * compression would run on the cores being measured; Genesys compresses on its own.
     */
    public Builder compressResponses(boolean compressResponses) {
      this.compressResponses = compressResponses;
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /**
     * Validates the settings.
     *
     * @throws IllegalArgumentException naming the first bad setting and its allowed range
     */
    public EmulatorConfig build() {
      return new EmulatorConfig(this);
    }
  }
}
