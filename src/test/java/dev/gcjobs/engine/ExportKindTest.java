package dev.gcjobs.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gcjobs.genesys.JobKind;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
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
  void eachKindRunsOnItsGenesysJobsApi() {
    assertThat(ExportKind.CONVERSATIONS.jobKind()).isEqualTo(JobKind.CONVERSATION_DETAILS);
    assertThat(ExportKind.USERS.jobKind()).isEqualTo(JobKind.USER_DETAILS);
  }
}
