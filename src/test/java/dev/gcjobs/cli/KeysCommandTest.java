package dev.gcjobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gcjobs.app.ApiKeyFile;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

@Tag("unit")
class KeysCommandTest {
  @TempDir Path dir;
  StringWriter out = new StringWriter();
  StringWriter err = new StringWriter();

  private int gcjobs(String... args) {
    out.getBuffer().setLength(0);
    err.getBuffer().setLength(0);
    return new CommandLine(new Main())
        .setOut(new PrintWriter(out, true))
        .setErr(new PrintWriter(err, true))
        .execute(args);
  }

  @Test
  void addPrintsTheKeyOnceAndStoresOnlyItsSaltedHash() throws Exception {
    Path file = dir.resolve("keys.json");

    assertThat(gcjobs("keys", "add", "architect-prod", "--keys-file", file.toString())).isZero();

    String key = out.toString().strip();
    assertThat(key).startsWith("gcj_").hasSizeGreaterThan(40);
    assertThat(err.toString()).contains("architect-prod").contains("not shown again");
    assertThat(Files.readString(file)).doesNotContain(key).contains("sha256").contains("salt");
    assertThat(ApiKeyFile.at(file).verifier().identify(key)).isPresent();
  }

  @Test
  void listShowsIdsNamesAndCreationTimesButNeverKeysOrHashes() throws Exception {
    Path file = dir.resolve("keys.json");
    gcjobs("keys", "add", "flows", "--keys-file", file.toString());
    String key = out.toString().strip();

    assertThat(gcjobs("keys", "list", "--keys-file", file.toString())).isZero();

    String listing = out.toString();
    assertThat(listing).contains("ID").contains("NAME").contains("flows").contains("key_");
    assertThat(listing).doesNotContain(key).doesNotContain("sha256");
    String hash = new ObjectMapper().readTree(file.toFile()).at("/keys/0/sha256").asText();
    assertThat(listing).doesNotContain(hash);
  }

  @Test
  void revokeRemovesTheKeyAndAnUnknownIdIsAUsageError() {
    Path file = dir.resolve("keys.json");
    gcjobs("keys", "add", "flows", "--keys-file", file.toString());
    String key = out.toString().strip();
    String id = ApiKeyFile.at(file).list().get(0).id();

    assertThat(gcjobs("keys", "revoke", id, "--keys-file", file.toString())).isZero();
    assertThat(ApiKeyFile.at(file).verifier().identify(key)).isEmpty();
    assertThat(gcjobs("keys", "revoke", id, "--keys-file", file.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("no key has the id");
  }

  @Test
  void aBlankNameIsAUsageError() {
    assertThat(gcjobs("keys", "add", " ", "--keys-file", dir.resolve("k.json").toString()))
        .isEqualTo(2);
    assertThat(err.toString()).contains("name");
  }

  @Test
  void aDamagedKeyFileSaysSo() throws Exception {
    Path file = dir.resolve("keys.json");
    Files.writeString(file, "{not json");

    assertThat(gcjobs("keys", "list", "--keys-file", file.toString())).isEqualTo(1);
    assertThat(err.toString()).contains("damaged");
  }
}
