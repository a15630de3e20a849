package dev.gcjobs.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ExportKindTest {

  @Test
  void readsTheCliNamesOfBothKinds() {
    assertThat(ExportKind.fromCliName("conversations")).isEqualTo(ExportKind.CONVERSATIONS);
    assertThat(ExportKind.fromCliName("users")).isEqualTo(ExportKind.USERS);
    assertThat(ExportKind.fromCliName(" Users ")).isEqualTo(ExportKind.USERS);
  }

  @Test
  void anUnknownKindIsRejectedListingTheValidOnes() {
    assertThatThrownBy(() -> ExportKind.fromCliName("calls"))
        .isInstanceOf(InvalidRequest.class)
        .hasMessageContaining("\"calls\"")
        .hasMessageContaining("conversations, users")
        .extracting(e -> ((InvalidRequest) e).field())
        .isEqualTo("kind");
  }

  @Test
  void eachKindKnowsItsJobsPathAndResultsArray() {
    assertThat(ExportKind.CONVERSATIONS.jobsPath())
        .isEqualTo("/api/v2/analytics/conversations/details/jobs");
    assertThat(ExportKind.USERS.jobsPath()).isEqualTo("/api/v2/analytics/users/details/jobs");
    assertThat(ExportKind.CONVERSATIONS.resultsField()).isEqualTo("conversations");
    assertThat(ExportKind.USERS.resultsField()).isEqualTo("userDetails");
  }
}
