package dev.gcjobs.genesys;

/** The kinds of analytics detail jobs gcjobs runs, with their API paths and record arrays. */
public enum JobKind {
  /** Conversation detail jobs: records are {@code AnalyticsConversation} objects. */
  CONVERSATION_DETAILS(
      "/api/v2/analytics/conversations/details/jobs", "conversations", "conversation details"),
  /** User detail jobs: records are {@code AnalyticsUserDetail} objects. */
  USER_DETAILS("/api/v2/analytics/users/details/jobs", "userDetails", "user details");

  private final String jobsPath;
  private final String recordsField;
  private final String displayName;

  JobKind(String jobsPath, String recordsField, String displayName) {
    this.jobsPath = jobsPath;
    this.recordsField = recordsField;
    this.displayName = displayName;
  }

  /** The path jobs are submitted to; status, results and cancel are below it. */
  public String jobsPath() {
    return jobsPath;
  }

  /** The name of the array that holds a results page's records. */
  public String recordsField() {
    return recordsField;
  }

  /** A name for messages, such as {@code conversation details}. */
  public String displayName() {
    return displayName;
  }
}
