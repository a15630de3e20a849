package dev.gcjobs.emulator;

import static dev.gcjobs.emulator.EmulatorHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gcjobs.testing.TestClock;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("emulator")
class UserDetailsJobsTest {
  private static final String JOBS = "/api/v2/analytics/users/details/jobs";

  private final TestClock clock = TestClock.at(TestEmulators.NOW);
  private Emulator emulator;
  private EmulatorHttp http;

  @BeforeEach
  void start() {
    emulator = TestEmulators.start(clock, b -> b.resultRetention(Duration.ofMinutes(5)));
    http = new EmulatorHttp(emulator);
  }

  @AfterEach
  void stop() {
    emulator.close();
  }

  @Test
  void aUserDetailsJobGoesThroughTheSameLifecycleAndPagesUserDetails() {
    HttpResponse<String> submitted = http.post(JOBS, TestEmulators.DAY_QUERY);
    assertThat(submitted.statusCode()).isEqualTo(202);
    String jobId = json(submitted).path("jobId").asText();
    assertThat(json(http.get(JOBS + "/" + jobId)).path("state").asText()).isEqualTo("QUEUED");
    assertThat(http.get(JOBS + "/" + jobId + "/results").statusCode()).isEqualTo(404);

    clock.advance(Duration.ofMinutes(1));
    assertThat(json(http.get(JOBS + "/" + jobId)).path("state").asText()).isEqualTo("FULFILLED");
    List<String> ids = new ArrayList<>();
    String cursor = null;
    do {
      JsonNode page =
          json(
              http.get(
                  JOBS
                      + "/"
                      + jobId
                      + "/results?pageSize=100"
                      + (cursor == null ? "" : "&cursor=" + cursor)));
      assertThat(page.has("conversations")).isFalse();
      page.path("userDetails").forEach(u -> ids.add(u.path("userId").asText()));
      cursor = page.hasNonNull("cursor") ? page.path("cursor").asText() : null;
    } while (cursor != null);
    assertThat(ids).containsExactlyElementsOf(emulator.groundTruthUserIds(TestEmulators.DAY_QUERY));

    clock.advance(Duration.ofMinutes(5));
    assertThat(json(http.get(JOBS + "/" + jobId)).path("state").asText()).isEqualTo("EXPIRED");
  }

  @Test
  void aUserDetailsJobCanBeCancelledAndAvailabilityAnswers() {
    String jobId = json(http.post(JOBS, TestEmulators.DAY_QUERY)).path("jobId").asText();

    assertThat(http.delete(JOBS + "/" + jobId).statusCode()).isEqualTo(204);
    assertThat(json(http.get(JOBS + "/" + jobId)).path("state").asText()).isEqualTo("CANCELLED");
    assertThat(json(http.get(JOBS + "/availability")).path("dataAvailabilityDate").asText())
        .isNotEmpty();
  }

  @Test
  void userDetailsCallsAreCountedUnderTheirOwnEndpoints() {
    String jobId = json(http.post(JOBS, TestEmulators.DAY_QUERY)).path("jobId").asText();
    http.get(JOBS + "/" + jobId);
    http.get(JOBS + "/" + jobId + "/results");

    RequestCounts counts = emulator.requestCounts();
    assertThat(counts.count(Endpoint.USER_SUBMIT, 202)).isEqualTo(1);
    assertThat(counts.count(Endpoint.USER_STATUS, 200)).isEqualTo(1);
    assertThat(counts.count(Endpoint.USER_RESULTS, 404)).isEqualTo(1);
    assertThat(counts.total(Endpoint.SUBMIT)).isZero();
  }
}
