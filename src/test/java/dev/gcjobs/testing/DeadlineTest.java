package dev.gcjobs.testing;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class DeadlineTest {
  @Test
  void endsALoopThatNeverSleepsSayingWhatItWaitedFor() {
    Deadline deadline = Deadline.in(Duration.ofMillis(50), "the answer");

    assertThatThrownBy(
            () -> {
              while (true) {
                deadline.check();
              }
            })
        .isInstanceOf(AssertionError.class)
        .hasMessage("gave up waiting for the answer after PT0.05S");
  }

  @Test
  void passesWhileThereIsTimeLeft() {
    Deadline.in(Duration.ofMinutes(1), "nothing").check();
  }
}
