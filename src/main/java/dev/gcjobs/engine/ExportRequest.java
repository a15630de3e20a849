package dev.gcjobs.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gcjobs.sink.OutputTarget;
import dev.gcjobs.sink.SinkException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * One export as the user asked for it, validated: what to read, for when, with which query, how to
 * split and pace it, and where the records go. Immutable: {@link #query()} returns a copy.
 *
 * <p>Build one from CLI flags or an HTTP body with {@link #builder()} (or {@link
 * ExportRequestJson#read}); the builder reconciles filters, a raw query and the interval, and
 * reports conflicts instead of guessing.
 *
 * <p>{@link #requestKey()} identifies the export by what determines its output (kind, interval,
 * query, chunk size, output), so running the same export again finds and resumes it, whatever the
 * concurrency, page size or timeout.
 *
 * @param kind conversations or users
 * @param interval the export interval
 * @param query the Genesys query without its {@code interval}: filters and other query fields
 * @param chunkSize the length of each chunk (one Genesys job each)
 * @param concurrency how many chunks' Genesys jobs run at once (submitted and not yet seen
 *     finished); chunks whose job is done read their results without holding a slot
 * @param pageSize the {@code pageSize} of each results request
 * @param timeout how long the whole export may take ({@link #DEFAULT_TIMEOUT} unless asked
 *     otherwise), or null for no limit
 * @param output where the records go, parsed once at the front door
 * @param allowIncomplete run even when the interval ends after Genesys' data availability (the
 *     export then says it is incomplete); not part of the export's identity
 */
public record ExportRequest(
    ExportKind kind,
    ExportInterval interval,
    ObjectNode query,
    Duration chunkSize,
    int concurrency,
    int pageSize,
    Duration timeout,
    OutputTarget output,
    boolean allowIncomplete) {

  /**
   * Eight, chosen by measurement (docs/benchmarks.md, "Export makespan"): jobs take seconds while
   * their pages take a fraction of a second of the request budget, so fewer jobs at once left the
   * budget idle for the same requests. It stays under the emulator's 10 running jobs per client;
   * Genesys does not publish its own limit ({@code details.jobs.concurrent.access.max}), and a 429
   * on submit is retried.
   */
  public static final int DEFAULT_CONCURRENCY = 8;

  /**
   * Genesys' limit on concurrent detail jobs per org is unknown ({@code
   * details.jobs.concurrent.access.max}); more than this only queues jobs and burns budget.
   */
  public static final int MAX_CONCURRENCY = 32;

  /**
   * A day: an export still running after that is stuck somewhere (a job that never ends, results
   * refused, a budget starved by other clients), and failing says so where waiting would not.
   * Running the same export again, with a longer timeout, resumes it.
   */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofHours(24);

  /** 1000 records a page is what connectors use; Genesys documents no default or maximum. */
  public static final int DEFAULT_PAGE_SIZE = 1000;

  /**
   * No source confirms that Genesys serves more than 1000 records a page, and connectors use 1000:
   * a larger page size could be cut short by Genesys or refused.
   */
  public static final int MAX_PAGE_SIZE = 1000;

  /**
   * @throws InvalidRequest naming the field when a value is missing or out of range, or the query
   *     has an interval, an unknown field, a field of the other kind, {@code limit}, or a wrong
   *     type
   */
  public ExportRequest {
    if (kind == null) {
      throw new InvalidRequest("kind", "the export kind is missing; use conversations or users.");
    }
    if (interval == null) {
      throw new InvalidRequest(
          "interval", "the interval is missing. " + IntervalParser.ACCEPTED_FORMS);
    }
    if (query == null) {
      throw new InvalidRequest("query", "the query is missing; pass {} for no filters.");
    }
    query = query.deepCopy();
    QueryRules.check(kind, query, false);
    QueryRules.dropUnset(query);
    if (chunkSize == null) {
      throw new InvalidRequest("options.chunk", "the chunk size is missing, e.g. P1D or PT6H.");
    }
    ExportPlan.chunkCount(interval, chunkSize);
    if (concurrency < 1 || concurrency > MAX_CONCURRENCY) {
      throw new InvalidRequest(
          "options.concurrency",
          "concurrency must lie between 1 and " + MAX_CONCURRENCY + "; got " + concurrency + ".");
    }
    if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
      throw new InvalidRequest(
          "options.pageSize",
          "the page size must lie between 1 and " + MAX_PAGE_SIZE + "; got " + pageSize + ".");
    }
    if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
      throw new InvalidRequest(
          "options.timeout",
          "the timeout must be positive, e.g. PT2H, or left out for none; got " + timeout + ".");
    }
    if (output == null) {
      throw new InvalidRequest(
          "output", "the output is missing; give a file (.ndjson or .ndjson.gz) or - for stdout.");
    }
  }

  /**
   * Checks, before anything is sent to Genesys, that the output can be written.
   *
   * @throws InvalidRequest (field {@code output}) naming the file, its directory and what to do
   */
  public void checkOutput() {
    try {
      output.validate();
    } catch (SinkException e) {
      throw new InvalidRequest("output", e.getMessage());
    }
  }

  /** A copy of the query (without interval); changing it does not change this request. */
  @Override
  public ObjectNode query() {
    return query.deepCopy();
  }

  /**
   * The Genesys job body for one chunk: the query plus the chunk's interval in wire form.
   *
   * @param chunkInterval the chunk's interval (or the whole export's)
   */
  public ObjectNode jobBody(ExportInterval chunkInterval) {
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.put("interval", chunkInterval.toWireString());
    body.setAll(query.deepCopy());
    return body;
  }

  /**
   * The request in canonical JSON (sorted keys, no whitespace) with only what determines the
   * exported records and where they go: kind, interval (wire form), query, chunk size, output.
   */
  public String normalizedJson() {
    return ExportKey.normalizedJson(kind, interval, query, chunkSize, output.spec());
  }

  /** The lowercase hex SHA-256 of {@link #normalizedJson()}: the same export has the same key. */
  public String requestKey() {
    return ExportKey.ofRequest(kind, interval, query, chunkSize, output.spec());
  }

  /**
   * The export's identity in the store: this request against the Genesys org {@code source} (API
   * host and client id, or the emulator's data settings).
   */
  public String exportKey(String source) {
    return ExportKey.ofExport(source, requestKey());
  }

  /**
   * A builder with every default: conversations, UTC, 2-day chunks, no filters, a {@link
   * #DEFAULT_TIMEOUT}.
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Collects a request's parts as the CLI or the HTTP API receives them and reconciles them in
   * {@link #build()}. Not thread-safe; use one per request.
   */
  public static final class Builder {
    private String kind;
    private String interval;
    private String zone;
    private final List<String> filters = new ArrayList<>();
    private JsonNode query;
    private Duration chunkSize = ExportPlan.DEFAULT_CHUNK;
    private int concurrency = DEFAULT_CONCURRENCY;
    private int pageSize = DEFAULT_PAGE_SIZE;
    private Duration timeout = DEFAULT_TIMEOUT;
    private OutputTarget output;
    private String outputSpec;
    private boolean allowIncomplete;
    private Function<ExportKind, Optional<Instant>> availability = kind -> Optional.empty();
    private Path outputDir;
    private String outputExtension;

    private Builder() {}

    /** {@code conversations} (the default when null) or {@code users}. */
    public Builder kind(String kind) {
      this.kind = kind;
      return this;
    }

    /** The interval text ({@link IntervalParser} forms); may be left out if the query has one. */
    public Builder interval(String interval) {
      this.interval = interval;
      return this;
    }

    /** The zone for dates and offset-less date-times, e.g. {@code Europe/Paris}; null = UTC. */
    public Builder zone(String zone) {
      this.zone = zone;
      return this;
    }

    /** Filter terms ({@link FilterParser} syntax), added to those already given. */
    public Builder filters(List<String> filters) {
      this.filters.addAll(filters);
      return this;
    }

    /** A raw {@code AsyncConversationQuery} / {@code AsyncUserDetailsQuery}, or null for none. */
    public Builder query(JsonNode query) {
      this.query = query;
      return this;
    }

    /** The chunk size; default {@link ExportPlan#DEFAULT_CHUNK}. */
    public Builder chunkSize(Duration chunkSize) {
      this.chunkSize = chunkSize;
      return this;
    }

    /** How many chunks' jobs run at once; default {@link #DEFAULT_CONCURRENCY}. */
    public Builder concurrency(int concurrency) {
      this.concurrency = concurrency;
      return this;
    }

    /** Records per results page; default {@link #DEFAULT_PAGE_SIZE}. */
    public Builder pageSize(int pageSize) {
      this.pageSize = pageSize;
      return this;
    }

    /**
     * Whether the export may run when its interval ends after Genesys' data availability (default
     * false: it is refused, since its jobs would silently return less).
     */
    public Builder allowIncomplete(boolean allowIncomplete) {
      this.allowIncomplete = allowIncomplete;
      return this;
    }

    /**
     * Where an interval ending at {@code available} learns Genesys' data availability: read when
     * {@link #build()} needs it, for the parsed kind.
     */
    public Builder availability(Function<ExportKind, Optional<Instant>> availability) {
      this.availability = availability;
      return this;
    }

    /** The export's time limit ({@link #DEFAULT_TIMEOUT} unless set), or null for none. */
    public Builder timeout(Duration timeout) {
      this.timeout = timeout;
      return this;
    }

    /**
     * The output as users write it: a file path, or {@code -} for stdout.
     *
     * <p>{@link #build()} reads it, and throws {@link InvalidRequest} (field {@code output}) when
     * it names no output gcjobs can write.
     */
    public Builder output(String output) {
      this.outputSpec = output;
      this.output = null;
      this.outputDir = null;
      return this;
    }

    /** The output. */
    public Builder output(OutputTarget output) {
      this.output = output;
      this.outputSpec = null;
      this.outputDir = null;
      return this;
    }

    /**
     * An NDJSON file in {@code dir} (gzip-compressed, {@code .ndjson.gz}, when {@code gzip}) named
     * by what the export reads (kind, interval, query, chunk size), so that the same request names
     * the same file and finds the same export.
     */
    public Builder outputIn(Path dir, boolean gzip) {
      this.outputDir = dir;
      this.outputExtension = gzip ? ".ndjson.gz" : ".ndjson";
      this.output = null;
      this.outputSpec = null;
      return this;
    }

    /**
     * Validates and reconciles the parts: parses kind, zone and interval; checks the raw query; an
     * interval both given and in the query must be the same; filters must not set a filter list the
     * raw query also sets.
     *
     * @throws InvalidRequest naming the field at fault
     */
    public ExportRequest build() {
      ExportKind parsedKind =
          kind == null ? ExportKind.CONVERSATIONS : ExportKind.fromCliName(kind);
      ZoneId parsedZone = zone == null ? ZoneOffset.UTC : IntervalParser.parseZone(zone);
      ObjectNode merged = QueryRules.checkedCopy(parsedKind, query);
      String intervalText =
          IntervalParser.resolveAvailable(interval, () -> availability.apply(parsedKind));
      ExportInterval parsedInterval =
          reconcileInterval(intervalText, merged.remove("interval"), parsedZone);
      FilterParser.mergeInto(merged, FilterParser.parse(parsedKind, filters));
      OutputTarget target = output;
      if (outputSpec != null) {
        try {
          target = OutputTarget.parse(outputSpec);
        } catch (SinkException e) {
          throw new InvalidRequest("output", e.getMessage());
        }
      }
      if (outputDir != null) {
        String named =
            ExportKey.ofRequest(parsedKind, parsedInterval, merged, chunkSize, OutputTarget.STDOUT);
        target = OutputTarget.parse(outputDir.resolve(named + outputExtension).toString());
      }
      return new ExportRequest(
          parsedKind,
          parsedInterval,
          merged,
          chunkSize,
          concurrency,
          pageSize,
          timeout,
          target,
          allowIncomplete);
    }

    private static ExportInterval reconcileInterval(
        String interval, JsonNode queryInterval, ZoneId parsedZone) {
      ExportInterval fromQuery = null;
      if (queryInterval != null) {
        try {
          fromQuery = IntervalParser.parse(queryInterval.asText(), parsedZone);
        } catch (InvalidRequest e) {
          throw new InvalidRequest("query.interval", "in the raw query: " + e.getMessage());
        }
      }
      if (interval == null) {
        if (fromQuery == null) {
          throw new InvalidRequest(
              "interval", "the interval is missing. " + IntervalParser.ACCEPTED_FORMS);
        }
        return fromQuery;
      }
      ExportInterval given = IntervalParser.parse(interval, parsedZone);
      if (fromQuery != null && !fromQuery.equals(given)) {
        throw new InvalidRequest(
            "interval",
            "the interval \""
                + interval
                + "\" ("
                + given.toWireString()
                + ") and the raw query's interval \""
                + queryInterval.asText()
                + "\" ("
                + fromQuery.toWireString()
                + ") differ; give the interval once, or make both the same.");
      }
      return given;
    }
  }

  @Override
  public String toString() {
    return "ExportRequest" + normalizedJson();
  }
}
