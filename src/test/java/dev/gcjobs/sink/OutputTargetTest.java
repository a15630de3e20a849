package dev.gcjobs.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("unit")
class OutputTargetTest {
  @TempDir Path dir;

  @Test
  void dashMeansPlainNdjsonOnStdout() {
    OutputTarget target = OutputTarget.parse("-");

    assertThat(target.isStream()).isTrue();
    assertThat(target.stream()).isSameAs(System.out);
    assertThat(target.gzip()).isFalse();
    assertThat(target.manifestFile()).isNull();
    target.validate();
  }

  @Test
  void compressesWhenTheFileNameEndsInGz() {
    assertThat(OutputTarget.parse("a/voice.ndjson.gz").gzip()).isTrue();
    assertThat(OutputTarget.parse("a/voice.NDJSON.GZ").gzip()).isTrue();
    assertThat(OutputTarget.parse("a/voice.ndjson").gzip()).isFalse();
    assertThat(OutputTarget.parse("a/voice.ndjson.gz").manifestFile())
        .isEqualTo(Path.of("a/voice.ndjson.gz.manifest.json").toAbsolutePath());
  }

  @Test
  void refusesCompressionsItDoesNotWrite() {
    assertThatThrownBy(() -> OutputTarget.parse("out.ndjson.zst"))
        .isInstanceOf(SinkException.class)
        .hasMessage(
            "out.ndjson.zst: gcjobs writes NDJSON, plain or gzip; name the file .ndjson or"
                + " .ndjson.gz");
    assertThatThrownBy(() -> OutputTarget.parse(" "))
        .isInstanceOf(SinkException.class)
        .hasMessageStartingWith("give an output file");
  }

  @Test
  void acceptsAWritableDirectoryAndLeavesNoProbeBehind() throws Exception {
    OutputTarget.parse(dir.resolve("out.ndjson").toString()).validate();

    try (var files = Files.list(dir)) {
      assertThat(files).isEmpty();
    }
  }

  @Test
  void refusesAMissingDirectory() {
    Path output = dir.resolve("missing/out.ndjson");

    assertThatThrownBy(() -> OutputTarget.parse(output.toString()).validate())
        .isInstanceOf(SinkException.class)
        .hasMessage(
            output + ": directory " + dir.resolve("missing") + " does not exist; create it first");
  }

  @Test
  void refusesADirectoryAsTheOutput() {
    assertThatThrownBy(() -> OutputTarget.parse(dir.toString()).validate())
        .isInstanceOf(SinkException.class)
        .hasMessageContaining(": is a directory; give a file name such as");
  }

  @Test
  void refusesADirectoryItCannotWriteIn() {
    // /sys refuses new files even to root, unlike a chmod-ed directory.
    Path sys = Path.of("/sys");
    assumeTrue(Files.isDirectory(sys), "needs Linux /sys");

    assertThatThrownBy(() -> OutputTarget.parse("/sys/out.ndjson.gz").validate())
        .isInstanceOf(SinkException.class)
        .hasMessage(
            "/sys/out.ndjson.gz: cannot write in directory /sys (permission denied); choose a"
                + " writable directory");
  }

  @Test
  void refusesAReadOnlyDirectoryForOrdinaryUsers() throws Exception {
    assumeTrue(!"root".equals(System.getProperty("user.name")), "root may write anywhere");
    Path readOnly = Files.createDirectory(dir.resolve("ro"));
    Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("r-xr-xr-x"));

    assertThatThrownBy(() -> OutputTarget.parse(readOnly.resolve("o.ndjson").toString()).validate())
        .isInstanceOf(SinkException.class)
        .hasMessageContaining("cannot write in directory " + readOnly + " (permission denied)");
  }
}
