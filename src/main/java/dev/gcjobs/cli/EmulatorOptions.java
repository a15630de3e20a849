package dev.gcjobs.cli;

import dev.gcjobs.emulator.EmulatorConfig;
import dev.gcjobs.emulator.FaultRule;
import dev.gcjobs.emulator.LakeChanges;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The emulator's data, limit and fault options, shared as a picocli {@code @Mixin} by {@code gcjobs
 * emulator} and the {@code --emulator} flags of other commands. Options left out keep the {@link
 * EmulatorConfig} defaults. Address and client options (port, host, client id and secret) belong to
 * the command that uses the mixin.
 */
public final class EmulatorOptions {
  /** The config's setting names, as validation messages use them, and the flags that set them. */
  private static final Map<String, String> FLAGS =
      Map.ofEntries(
          Map.entry("conversationsPerDay", "--conversations-per-day"),
          Map.entry("users", "--users"),
          Map.entry("dataLag", "--data-lag"),
          Map.entry("revisedFraction", "--revised-fraction"),
          Map.entry("deletedFraction", "--deleted-fraction"),
          Map.entry("deletedAfterMin", "--deleted-after-min"),
          Map.entry("deletedAfterMax", "--deleted-after-max"),
          Map.entry("tokenTtl", "--token-ttl"),
          Map.entry("tokenRevokedAfterUse", "--token-revoked-after-use"),
          Map.entry("requestsPerMinute", "--rate-per-minute"),
          Map.entry("maxConcurrentJobsPerClient", "--max-concurrent-jobs"),
          Map.entry("maxPageSize", "--max-page-size"),
          Map.entry("jobBaseDelay", "--job-delay"),
          Map.entry("jobPerRecordDelay", "--job-delay-per-record"),
          Map.entry("resultRetention", "--result-retention"),
          Map.entry("syncTimeoutThreshold", "--sync-timeout-threshold"),
          Map.entry("maxBodyBytes", "--max-body-bytes"),
          Map.entry("failedJobFraction", "--failed-job-fraction"),
          Map.entry("injectedRetryAfter", "--fault-retry-after"),
          Map.entry("slowDelay", "--slow-delay"));

  private static final Pattern SETTING = Pattern.compile("\\b[a-z][A-Za-z]+\\b");

  @Spec(Spec.Target.MIXEE)
  CommandSpec spec;

  @Option(
      names = "--seed",
      paramLabel = "S",
      description = "Seed of the synthetic org and of fault decisions (default 42).")
  Long seed;

  @Option(
      names = "--conversations-per-day",
      paramLabel = "N",
      description = "Conversations starting on each UTC day (default 2000).")
  Integer conversationsPerDay;

  @Option(
      names = "--users",
      paramLabel = "N",
      description = "Agents in the synthetic org (default 50).")
  Integer users;

  @Option(
      names = "--data-lag",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      description = "How far dataAvailabilityDate trails now (default 0).")
  Duration dataLag;

  @Option(
      names = "--revised-fraction",
      paramLabel = "F",
      description =
          "Share (0..1) of conversations the lake revises 48 to 72 hours after they ended"
              + " (default 0.03; 0: none).")
  Double revisedFraction;

  @Option(
      names = "--deleted-fraction",
      paramLabel = "F",
      description =
          "Share (0..1) of conversations the lake deletes after they ended (default 0.01).")
  Double deletedFraction;

  @Option(
      names = "--deleted-after-min",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      description = "Earliest deletion, after the conversation's end (default 3d).")
  Duration deletedAfterMin;

  @Option(
      names = "--deleted-after-max",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      description = "Latest deletion, after the conversation's end (default 10d).")
  Duration deletedAfterMax;

  @Option(
      names = "--data-now",
      paramLabel = "INSTANT",
      description =
          "Freeze the data's \"now\" (ISO-8601, e.g. 2024-05-02T00:00:00Z); default: the clock.")
  Instant dataNow;

  @Option(
      names = "--now",
      paramLabel = "INSTANT",
      description =
          "Start the emulator's clock at INSTANT (ISO-8601) and go on from there; POST"
              + " /emulator/clock moves it. Default: the real clock.")
  Instant now;

  @Option(
      names = "--token-ttl",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      description = "expires_in of issued tokens; a plain number is seconds (default 86400).")
  Duration tokenTtl;

  @Option(
      names = "--token-revoked-after-use",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      description =
          "Refuse each token (401) this long after its first use, as a revoking proxy does"
              + " (default: never before it expires).")
  Duration tokenRevokedAfterUse;

  @Option(
      names = "--rate-per-minute",
      paramLabel = "N",
      description = "Requests per minute per OAuth client before 429 (default 300).")
  Integer ratePerMinute;

  @Option(
      names = "--max-concurrent-jobs",
      paramLabel = "N",
      description = "QUEUED/PENDING jobs per client before submits get 429 (default 10).")
  Integer maxConcurrentJobs;

  @Option(
      names = "--max-page-size",
      paramLabel = "N",
      description = "Largest results page; larger pageSize values are clamped (default 1000).")
  Integer maxPageSize;

  @Option(
      names = "--job-delay",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      description = "Time a job takes with no records; QUEUED for its first half (default 3s).")
  Duration jobDelay;

  @Option(
      names = "--job-delay-per-record",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      description = "Extra job time per matched record (default 1ms).")
  Duration jobDelayPerRecord;

  @Option(
      names = "--result-retention",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      description = "How long FULFILLED results stay before the job is EXPIRED (default 1h).")
  Duration resultRetention;

  @Option(
      names = "--sync-timeout-threshold",
      paramLabel = "N",
      description = "A synchronous query matching more records answers 504 (default 10000).")
  Integer syncTimeoutThreshold;

  @Option(
      names = "--max-body-bytes",
      paramLabel = "N",
      description = "Largest request body; larger ones get 413 (default 1048576).")
  Integer maxBodyBytes;

  @Option(
      names = "--fault",
      paramLabel = "RULE",
      description =
          "Inject faults; repeatable. ENDPOINT:FAULT=PROBABILITY (results:503=0.1) or"
              + " ENDPOINT@N[,N...]=FAULT (results@3=503). ENDPOINT: token, submit, status, results,"
              + " cancel, availability, syncQuery, userSubmit, userStatus, userResults, userCancel,"
              + " userAvailability, api (all but token) or all. FAULT: 429, 500, 502, 503, 504,"
              + " reset, slow, truncate.")
  List<String> faults = new ArrayList<>();

  @Option(
      names = "--failed-job-fraction",
      paramLabel = "F",
      description = "Fraction (0..1) of jobs that end FAILED with an errorMessage (default 0).")
  Double failedJobFraction;

  @Option(
      names = "--fault-retry-after",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      description = "Retry-After of injected 429 answers (default 1s).")
  Duration faultRetryAfter;

  @Option(
      names = "--slow-delay",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      description = "How long 'slow' faults hold an answer back (default 3s).")
  Duration slowDelay;

  /**
   * A builder with the given options applied on top of the defaults.
   *
   * @throws ParameterException a usage error naming the flag, for a malformed fault rule or an
   *     out-of-range value
   */
  public EmulatorConfig.Builder configBuilder() {
    EmulatorConfig.Builder b = EmulatorConfig.builder();
    try {
      applyTo(b);
      b.build(); // every value checked now, named by its flag: a usage error, not a crash later
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), inFlags(e.getMessage()));
    }
    return b;
  }

  private void applyTo(EmulatorConfig.Builder b) {
    if (seed != null) b.seed(seed);
    if (conversationsPerDay != null) b.conversationsPerDay(conversationsPerDay);
    if (users != null) b.users(users);
    if (dataLag != null) b.dataLag(dataLag);
    b.lakeChanges(lakeChanges());
    if (dataNow != null) b.dataNow(dataNow);
    if (now != null) b.now(now);
    if (tokenTtl != null) b.tokenTtl(tokenTtl);
    if (tokenRevokedAfterUse != null) b.tokenRevokedAfterUse(tokenRevokedAfterUse);
    if (ratePerMinute != null) b.requestsPerMinute(ratePerMinute);
    if (maxConcurrentJobs != null) b.maxConcurrentJobsPerClient(maxConcurrentJobs);
    if (maxPageSize != null) b.maxPageSize(maxPageSize);
    if (jobDelay != null) b.jobBaseDelay(jobDelay);
    if (jobDelayPerRecord != null) b.jobPerRecordDelay(jobDelayPerRecord);
    if (resultRetention != null) b.resultRetention(resultRetention);
    if (syncTimeoutThreshold != null) b.syncTimeoutThreshold(syncTimeoutThreshold);
    if (maxBodyBytes != null) b.maxBodyBytes(maxBodyBytes);
    if (failedJobFraction != null) b.failedJobFraction(failedJobFraction);
    if (faultRetryAfter != null) b.injectedRetryAfter(faultRetryAfter);
    if (slowDelay != null) b.slowDelay(slowDelay);
    for (String rule : faults) {
      b.fault(FaultRule.parse(rule));
    }
  }

  /** {@code message} with the config's setting names replaced by their flags. */
  private static String inFlags(String message) {
    Matcher m = SETTING.matcher(message);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(FLAGS.getOrDefault(m.group(), m.group())));
    }
    return m.appendTail(out).toString();
  }

  private LakeChanges lakeChanges() {
    LakeChanges d = LakeChanges.DEFAULT;
    return new LakeChanges(
        revisedFraction != null ? revisedFraction : d.revisedFraction(),
        deletedFraction != null ? deletedFraction : d.deletedFraction(),
        deletedAfterMin != null ? deletedAfterMin : d.deletedAfterMin(),
        deletedAfterMax != null ? deletedAfterMax : d.deletedAfterMax());
  }
}
