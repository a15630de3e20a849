package dev.gcjobs.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gcjobs.engine.JobOutcome.Decision;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

@Tag("unit")
class JobOutcomeTest {

  @Test
  void aFulfilledJobIsReadyToRead() {
    assertThat(JobOutcome.ofStatus("FULFILLED", null).decision()).isEqualTo(Decision.SUCCESS);
  }

  @Test
  void queuedAndPendingJobsArePolledAgain() {
    assertThat(JobOutcome.ofStatus("QUEUED", null).decision()).isEqualTo(Decision.RETRY);
    assertThat(JobOutcome.ofStatus("PENDING", null).decision()).isEqualTo(Decision.RETRY);
  }

  @Test
  void anExpiredJobIsResubmitted() {
    assertThat(JobOutcome.ofStatus("EXPIRED", null).decision()).isEqualTo(Decision.RESUBMIT);
  }

  @Test
  void aJobGenesysNoLongerKnowsIsResubmitted() {
    JobOutcome outcome = JobOutcome.ofMissingJob();
    assertThat(outcome.decision()).isEqualTo(Decision.RESUBMIT);
    assertThat(outcome.message()).contains("404");
  }

  @Test
  void aFailedJobFailsTheExportWithGenesysErrorMessage() {
    JobOutcome outcome = JobOutcome.ofStatus("FAILED", "Query exceeded the maximum interval");
    assertThat(outcome.decision()).isEqualTo(Decision.FAILURE);
    assertThat(outcome.message()).contains("Query exceeded the maximum interval");
  }

  @Test
  void aFailedJobWithoutErrorMessageSaysSo() {
    assertThat(JobOutcome.ofStatus("FAILED", " ").message()).contains("no errorMessage");
  }

  @Test
  void aJobCancelledBySomeoneElseFailsClearly() {
    JobOutcome outcome = JobOutcome.ofStatus("CANCELLED", null);
    assertThat(outcome.decision()).isEqualTo(Decision.FAILURE);
    assertThat(outcome.message()).contains("CANCELLED by someone else");
  }

  @ParameterizedTest
  @NullSource
  @ValueSource(strings = {"RUNNING", "fulfilled", ""})
  void anUnknownStateIsAFailureNamingItNeverASilentLoop(String state) {
    JobOutcome outcome = JobOutcome.ofStatus(state, null);
    assertThat(outcome.decision()).isEqualTo(Decision.FAILURE);
    assertThat(outcome.message())
        .contains(state == null ? "(none)" : "\"" + state + "\"")
        .contains("does not know");
  }

  @Test
  void notFoundWinsOverAnyState() {
    assertThat(JobOutcome.of(new JobOutcome.Observation(false, "FULFILLED", null)).decision())
        .isEqualTo(Decision.RESUBMIT);
  }
}
