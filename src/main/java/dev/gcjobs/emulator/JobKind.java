package dev.gcjobs.emulator;

/** The two kinds of asynchronous detail jobs, with their paths, result arrays and endpoints. */
enum JobKind {
  CONVERSATIONS(
      "/api/v2/analytics/conversations/details/jobs",
      "conversations",
      "conversation",
      Endpoint.SUBMIT,
      Endpoint.STATUS,
      Endpoint.RESULTS,
      Endpoint.CANCEL,
      Endpoint.AVAILABILITY),
  USERS(
      "/api/v2/analytics/users/details/jobs",
      "userDetails",
      "user",
      Endpoint.USER_SUBMIT,
      Endpoint.USER_STATUS,
      Endpoint.USER_RESULTS,
      Endpoint.USER_CANCEL,
      Endpoint.USER_AVAILABILITY);

  final String path;
  final String resultArray;
  final String noun;
  final Endpoint submit;
  final Endpoint status;
  final Endpoint results;
  final Endpoint cancel;
  final Endpoint availability;

  JobKind(
      String path,
      String resultArray,
      String noun,
      Endpoint submit,
      Endpoint status,
      Endpoint results,
      Endpoint cancel,
      Endpoint availability) {
    this.path = path;
    this.resultArray = resultArray;
    this.noun = noun;
    this.submit = submit;
    this.status = status;
    this.results = results;
    this.cancel = cancel;
    this.availability = availability;
  }
}
