package dev.gcjobs.engine;

import dev.gcjobs.genesys.JobKind;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What an export reads: conversation details or user details. Each kind knows where its Genesys
 * jobs live, which array of a results page holds its records, and which top-level fields its raw
 * query ({@code AsyncConversationQuery} / {@code AsyncUserDetailsQuery}) may have.
 */
public enum ExportKind {
  /** Conversation detail records ({@code AsyncConversationQuery}). */
  CONVERSATIONS(
      "conversations",
      JobKind.CONVERSATION_DETAILS,
      Map.of(
          "interval", QueryFieldType.STRING,
          "conversationFilters", QueryFieldType.ARRAY,
          "segmentFilters", QueryFieldType.ARRAY,
          "evaluationFilters", QueryFieldType.ARRAY,
          "surveyFilters", QueryFieldType.ARRAY,
          "resolutionFilters", QueryFieldType.ARRAY,
          "order", QueryFieldType.STRING,
          "orderBy", QueryFieldType.STRING,
          "limit", QueryFieldType.NUMBER,
          "startOfDayIntervalMatching", QueryFieldType.BOOLEAN)),
  /** User detail records: presence and routing status per user ({@code AsyncUserDetailsQuery}). */
  USERS(
      "users",
      JobKind.USER_DETAILS,
      Map.of(
          "interval", QueryFieldType.STRING,
          "userFilters", QueryFieldType.ARRAY,
          "presenceFilters", QueryFieldType.ARRAY,
          "routingStatusFilters", QueryFieldType.ARRAY,
          "order", QueryFieldType.STRING,
          "limit", QueryFieldType.NUMBER));

  /** The JSON type a top-level raw-query field must have. */
  enum QueryFieldType {
    STRING,
    ARRAY,
    NUMBER,
    BOOLEAN
  }

  private final String cliName;
  private final JobKind jobKind;
  private final Map<String, QueryFieldType> queryFields;

  ExportKind(String cliName, JobKind jobKind, Map<String, QueryFieldType> queryFields) {
    this.cliName = cliName;
    this.jobKind = jobKind;
    this.queryFields = queryFields;
  }

  /**
   * The kind a CLI or HTTP name stands for ({@code conversations}, {@code users}; case ignored).
   *
   * @throws InvalidRequest (field {@code kind}) naming the valid kinds when the name is unknown
   */
  public static ExportKind fromCliName(String name) {
    if (name != null) {
      for (ExportKind kind : values()) {
        if (kind.cliName.equalsIgnoreCase(name.strip())) {
          return kind;
        }
      }
    }
    String valid =
        Arrays.stream(values()).map(ExportKind::cliName).collect(Collectors.joining(", "));
    throw new InvalidRequest(
        "kind", "unknown export kind \"" + name + "\"; valid kinds are: " + valid + ".");
  }

  /** The name on the command line and in the HTTP API: {@code conversations} or {@code users}. */
  public String cliName() {
    return cliName;
  }

  /** The Genesys jobs API this kind runs on. */
  public JobKind jobKind() {
    return jobKind;
  }

  /** The top-level fields this kind's raw query may have, with their JSON types. */
  Map<String, QueryFieldType> queryFields() {
    return queryFields;
  }
}
