package dev.gcjobs.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code gcjobs} run as a child JVM (for what a process in this JVM cannot show: exit by {@code
 * kill -9}, a controlled environment). Its environment has no {@code GENESYS_*} or {@code GCJOBS_*}
 * variables; stdout and stderr go to files beside each other in a directory. Public for the tests
 * of other packages that run {@code gcjobs} as a process (e.g. two {@code gcjobs serve} nodes).
 */
public final class GcjobsProcess {
  private final Process process;
  private final Path stdout;
  private final Path stderr;

  private GcjobsProcess(Process process, Path stdout, Path stderr) {
    this.process = process;
    this.stdout = stdout;
    this.stderr = stderr;
  }

  /** Starts {@code gcjobs args...}; {@code name} names its output files in {@code logDir}. */
  public static GcjobsProcess start(Path logDir, String name, List<String> args)
      throws IOException {
    return start(logDir, name, List.of(), Map.of(), args);
  }

  /** Starts {@code gcjobs args...} in a JVM given {@code jvmOptions}, with {@code env} added. */
  static GcjobsProcess start(
      Path logDir, String name, List<String> jvmOptions, Map<String, String> env, List<String> args)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    // A short-lived CLI on a small machine: quick start beats peak speed.
    command.add("-XX:TieredStopAtLevel=1");
    command.add("-XX:+UseSerialGC");
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(Main.class.getName());
    command.addAll(args);
    Path out = logDir.resolve(name + ".out");
    Path err = logDir.resolve(name + ".err");
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
    Map<String, String> environment = builder.environment();
    environment.keySet().removeIf(k -> k.startsWith("GENESYS_") || k.startsWith("GCJOBS_"));
    environment.putAll(env);
    return new GcjobsProcess(builder.start(), out, err);
  }

  /** Runs {@code gcjobs args...} to its end. */
  static GcjobsProcess run(Path logDir, String name, List<String> args, Duration timeout)
      throws IOException, InterruptedException {
    GcjobsProcess p = start(logDir, name, args);
    p.awaitExit(timeout);
    return p;
  }

  /**
   * Waits for the process to end by itself.
   *
   * @throws AssertionError when it is still running after {@code timeout} (it is then killed)
   */
  int awaitExit(Duration timeout) throws InterruptedException {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      String threads = threadDump();
      kill();
      throw new AssertionError(
          "gcjobs did not end within " + timeout + "\n" + this + "\n--- threads:\n" + threads);
    }
    return process.exitValue();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** The threads of the running process ({@code jcmd Thread.print}), to explain a hang. */
  public String threadDump() {
    Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    try {
      Process dump =
          new ProcessBuilder(jcmd.toString(), Long.toString(process.pid()), "Thread.print")
              .redirectErrorStream(true)
              .start();
      byte[] text = dump.getInputStream().readAllBytes();
      dump.waitFor(10, TimeUnit.SECONDS);
      return new String(text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(no thread dump: " + e.getMessage() + ")";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "(no thread dump: interrupted)";
    }
  }

  /** {@code kill} (SIGTERM, as Ctrl-C's SIGINT): the shutdown hooks run. */
  void terminate() {
    process.destroy();
  }

  /** {@code kill -9}: no shutdown hook, no flush, no goodbye. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
  }

  int exitCode() {
    return process.exitValue();
  }

  byte[] stdoutBytes() throws IOException {
    return Files.readAllBytes(stdout);
  }

  public String stderr() {
    try {
      return Files.readString(stderr, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(cannot read " + stderr + ": " + e.getMessage() + ")";
    }
  }

  /** For assertion messages. */
  @Override
  public String toString() {
    String out;
    try {
      out = Files.readString(stdout, StandardCharsets.UTF_8);
    } catch (IOException e) {
      out = "(cannot read " + stdout + ")";
    }
    return (process.isAlive() ? "running" : "exit " + process.exitValue())
        + "\n--- stdout:\n"
        + (out.length() > 2000 ? out.substring(0, 2000) + "..." : out)
        + "\n--- stderr:\n"
        + stderr();
  }
}
