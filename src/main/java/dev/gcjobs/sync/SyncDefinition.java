package dev.gcjobs.sync;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gcjobs.engine.ExportKind;
import dev.gcjobs.engine.InvalidRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;

/**
 * What a sync copies and how: a kind and a query into one table destination, from {@code since},
 * re-reading {@code settle} behind availability each cycle and the whole history every {@code
 * reconcileEvery}. Immutable; {@link #query()} returns a copy.
 *
 * @param id the sync's id: given, or made from the kind and the destination
 * @param kind conversations or users
 * @param destination the table destination as its owner names it
 * @param query the Genesys query without its interval (filters)
 * @param since where the copy starts
 * @param settle how far behind availability each cycle re-reads
 * @param reconcileEvery how often a cycle re-reads the whole history
 * @param every how often cycles run when the sync runs on a schedule
 * @param purgeDeleted whether rows gone from Genesys are removed rather than marked {@code
 *     deleted_at}
 */
public record SyncDefinition(
    String id,
    ExportKind kind,
    String destination,
    ObjectNode query,
    Instant since,
    Duration settle,
    Duration reconcileEvery,
    Duration every,
    boolean purgeDeleted) {

  /** A quarter of an hour: fresh enough for dashboards, a few requests an hour when idle. */
  public static final Duration DEFAULT_EVERY = Duration.ofMinutes(15);

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * @throws InvalidRequest naming the field at fault
   */
  public SyncDefinition {
    Objects.requireNonNull(kind, "kind");
    if (destination == null || destination.isBlank()) {
      throw new InvalidRequest("destination", "give the table destination to keep current");
    }
    if (since == null) {
      throw new InvalidRequest("since", "give the instant the copy starts at");
    }
    query = query == null ? JSON.createObjectNode() : query.deepCopy();
    settle = settle == null ? SyncPlan.DEFAULT_SETTLE : settle;
    reconcileEvery = reconcileEvery == null ? SyncPlan.DEFAULT_RECONCILE_EVERY : reconcileEvery;
    every = every == null ? DEFAULT_EVERY : every;
    if (settle.isNegative()) {
      throw new InvalidRequest("settle", "the settle window cannot be negative: " + settle);
    }
    if (reconcileEvery.isNegative() || reconcileEvery.isZero()) {
      throw new InvalidRequest(
          "reconcileEvery", "the reconcile cadence must be positive: " + reconcileEvery);
    }
    if (every.isNegative() || every.isZero()) {
      throw new InvalidRequest("every", "the cadence must be positive: " + every);
    }
    id = id == null || id.isBlank() ? defaultId(kind, destination) : id;
    if (!id.matches("[A-Za-z0-9._-]{1,64}")) {
      throw new InvalidRequest(
          "id", "a sync id is 1 to 64 letters, digits, '.', '_' or '-', not '" + id + "'");
    }
  }

  /** A builder; kind, destination and since are required. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link SyncDefinition}; unset values take their defaults. */
  public static final class Builder {
    private String id;
    private ExportKind kind = ExportKind.CONVERSATIONS;
    private String destination;
    private ObjectNode query;
    private Instant since;
    private Duration settle;
    private Duration reconcileEvery;
    private Duration every;
    private boolean purgeDeleted;

    private Builder() {}

    public Builder id(String id) {
      this.id = id;
      return this;
    }

    public Builder kind(ExportKind kind) {
      this.kind = kind;
      return this;
    }

    public Builder destination(String destination) {
      this.destination = destination;
      return this;
    }

    public Builder query(ObjectNode query) {
      this.query = query;
      return this;
    }

    public Builder since(Instant since) {
      this.since = since;
      return this;
    }

    public Builder settle(Duration settle) {
      this.settle = settle;
      return this;
    }

    public Builder reconcileEvery(Duration reconcileEvery) {
      this.reconcileEvery = reconcileEvery;
      return this;
    }

    public Builder every(Duration every) {
      this.every = every;
      return this;
    }

    public Builder purgeDeleted(boolean purgeDeleted) {
      this.purgeDeleted = purgeDeleted;
      return this;
    }

    /**
     * @throws InvalidRequest naming the field at fault
     */
    public SyncDefinition build() {
      return new SyncDefinition(
          id, kind, destination, query, since, settle, reconcileEvery, every, purgeDeleted);
    }
  }

  /** The query, a copy. */
  @Override
  public ObjectNode query() {
    return query.deepCopy();
  }

  /** The plan of this sync's windows. */
  public SyncPlan plan() {
    return new SyncPlan(since, settle, reconcileEvery);
  }

  /**
   * Whether a cycle of {@code other} writes the same rows as one of this: same kind, destination,
   * query and start. Cadences and the settle window may differ.
   */
  public boolean copiesTheSameAs(SyncDefinition other) {
    return kind == other.kind
        && destination.equals(other.destination)
        && query.equals(other.query)
        && since.equals(other.since);
  }

  /** The definition as stored. */
  public String toJson() {
    ObjectNode node = JSON.createObjectNode();
    node.put("id", id);
    node.put("kind", kind.cliName());
    node.put("destination", destination);
    node.set("query", query.deepCopy());
    node.put("since", since.toString());
    node.put("settle", settle.toString());
    node.put("reconcileEvery", reconcileEvery.toString());
    node.put("every", every.toString());
    node.put("purgeDeleted", purgeDeleted);
    try {
      return JSON.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a sync definition", e);
    }
  }

  /** A definition as {@link #toJson()} wrote it. */
  static SyncDefinition fromJson(String json) {
    try {
      JsonNode node = JSON.readTree(json);
      return new SyncDefinition(
          node.path("id").asText(),
          ExportKind.fromCliName(node.path("kind").asText()),
          node.path("destination").asText(),
          (ObjectNode) node.path("query"),
          Instant.parse(node.path("since").asText()),
          Duration.parse(node.path("settle").asText()),
          Duration.parse(node.path("reconcileEvery").asText()),
          Duration.parse(node.path("every").asText()),
          node.path("purgeDeleted").asBoolean());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a stored sync definition is not JSON: " + e.getMessage(), e);
    }
  }

  private static String defaultId(ExportKind kind, String destination) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(destination.getBytes(StandardCharsets.UTF_8));
      return kind.cliName() + "-" + HexFormat.of().formatHex(digest, 0, 6);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK lacks SHA-256", e);
    }
  }
}
