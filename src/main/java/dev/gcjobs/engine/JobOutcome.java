package dev.gcjobs.engine;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * What to do after looking at a Genesys job: the closed set of outcomes of one status check,
 * decided by an ordered list of rules (the first that matches wins). A state no rule knows is a
 * failure naming it, never a silent retry loop.
 *
 * <table>
 *   <caption>Rules, in order</caption>
 *   <tr><th>observation</th><th>outcome</th></tr>
 *   <tr><td>job not found (404, vanished)</td><td>RESUBMIT</td></tr>
 *   <tr><td>FULFILLED</td><td>SUCCESS: read the results</td></tr>
 *   <tr><td>QUEUED, PENDING</td><td>RETRY: check again later</td></tr>
 *   <tr><td>EXPIRED</td><td>RESUBMIT: results are gone, run the job again</td></tr>
 *   <tr><td>FAILED</td><td>FAILURE with Genesys' errorMessage</td></tr>
 *   <tr><td>CANCELLED</td><td>FAILURE: cancelled outside gcjobs</td></tr>
 *   <tr><td>anything else</td><td>FAILURE naming the state</td></tr>
 * </table>
 *
 * @param decision what the engine does next
 * @param message why, for logs and the export's error; never null
 */
public record JobOutcome(Decision decision, String message) {
  /** The next step for a chunk after a status check. */
  public enum Decision {
    /** The job is done: read its results. */
    SUCCESS,
    /** The job is still running: check again on the poll schedule. */
    RETRY,
    /** The job's results are gone: submit the job again and skip what is already written. */
    RESUBMIT,
    /** The export fails with {@link #message()}. */
    FAILURE
  }

  public JobOutcome {
    Objects.requireNonNull(decision, "decision");
    Objects.requireNonNull(message, "message");
  }

  /**
   * One look at a job: whether Genesys still knows it, and if so its {@code state} and {@code
   * errorMessage} from {@code AsyncQueryStatus}.
   *
   * @param found false when the status call answered 404
   * @param state the job's state as Genesys wrote it, possibly null
   * @param errorMessage Genesys' errorMessage, possibly null
   */
  public record Observation(boolean found, String state, String errorMessage) {
    /** A status Genesys returned. */
    public static Observation status(String state, String errorMessage) {
      return new Observation(true, state, errorMessage);
    }

    /** The job is unknown to Genesys (404). */
    public static Observation notFound() {
      return new Observation(false, null, null);
    }
  }

  private record Rule(Predicate<Observation> when, Function<Observation, JobOutcome> then) {}

  private static Predicate<Observation> state(String... states) {
    List<String> known = List.of(states);
    return o -> o.found() && o.state() != null && known.contains(o.state());
  }

  private static final List<Rule> RULES =
      List.of(
          new Rule(
              o -> !o.found(),
              o ->
                  new JobOutcome(
                      Decision.RESUBMIT,
                      "Genesys no longer knows the job (404); submitting it again")),
          new Rule(
              state("FULFILLED"),
              o -> new JobOutcome(Decision.SUCCESS, "the job is FULFILLED; reading results")),
          new Rule(
              state("QUEUED", "PENDING"),
              o -> new JobOutcome(Decision.RETRY, "the job is " + o.state() + "; checking again")),
          new Rule(
              state("EXPIRED"),
              o ->
                  new JobOutcome(
                      Decision.RESUBMIT,
                      "the job's results EXPIRED before they were all read; submitting it again")),
          new Rule(
              state("FAILED"),
              o ->
                  new JobOutcome(
                      Decision.FAILURE,
                      "the Genesys job FAILED: "
                          + (o.errorMessage() == null || o.errorMessage().isBlank()
                              ? "(Genesys gave no errorMessage)"
                              : o.errorMessage()))),
          new Rule(
              state("CANCELLED"),
              o ->
                  new JobOutcome(
                      Decision.FAILURE,
                      "the Genesys job was CANCELLED by someone else (not by this export);"
                          + " run the export again to resubmit it")),
          new Rule(
              o -> true,
              o ->
                  new JobOutcome(
                      Decision.FAILURE,
                      "the Genesys job is in state "
                          + (o.state() == null ? "(none)" : "\"" + o.state() + "\"")
                          + ", which gcjobs does not know; stopping instead of polling forever")));

  /** The outcome of {@code observation}: the first rule that matches decides. */
  public static JobOutcome of(Observation observation) {
    Objects.requireNonNull(observation, "observation");
    for (Rule rule : RULES) {
      if (rule.when().test(observation)) {
        return rule.then().apply(observation);
      }
    }
    throw new AssertionError("the last rule matches everything");
  }

  /** The outcome of a status Genesys returned. */
  public static JobOutcome ofStatus(String state, String errorMessage) {
    return of(Observation.status(state, errorMessage));
  }

  /** The outcome when the job is unknown to Genesys (404). */
  public static JobOutcome ofMissingJob() {
    return of(Observation.notFound());
  }
}
