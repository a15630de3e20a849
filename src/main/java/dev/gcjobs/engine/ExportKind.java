package dev.gcjobs.engine;

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
      "conversations",
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
      "userDetails",
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
  private final String resultsField;
  private final Map<String, QueryFieldType> queryFields;

  ExportKind(String cliName, String resultsField, Map<String, QueryFieldType> queryFields) {
    this.cliName = cliName;
    this.resultsField = resultsField;
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

  /** The path segment of the jobs API: {@code /api/v2/analytics/<segment>/details/jobs}. */
  public String jobsPathSegment() {
    return cliName;
  }

  /** The jobs API path, e.g. {@code /api/v2/analytics/conversations/details/jobs}. */
  public String jobsPath() {
    return "/api/v2/analytics/" + jobsPathSegment() + "/details/jobs";
  }

  /**
   * The array of a results page that holds the records: {@code conversations}, {@code userDetails}.
   */
  public String resultsField() {
    return resultsField;
  }

  /** The top-level fields this kind's raw query may have, with their JSON types. */
  Map<String, QueryFieldType> queryFields() {
    return queryFields;
  }
}
