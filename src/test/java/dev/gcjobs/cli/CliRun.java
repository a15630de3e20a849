package dev.gcjobs.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/**
 * Runs {@code gcjobs ...} in this JVM as {@link Main#main} would, capturing what it writes to
 * stdout and stderr (both the picocli writers and {@code System.out}/{@code System.err}, where
 * {@code -o -} and the logs go). One run at a time.
 *
 * @param exitCode the exit code {@code main} would exit with
 * @param stdout the bytes written to stdout
 * @param stderr what was written to stderr
 */
record CliRun(int exitCode, byte[] stdout, String stderr) {

  static synchronized CliRun of(String... args) {
    PrintStream realOut = System.out;
    PrintStream realErr = System.err;
    Logger gcjobsLogs = (Logger) LoggerFactory.getLogger("dev.gcjobs");
    Level level = gcjobsLogs.getLevel();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream outStream = new PrintStream(out, true, StandardCharsets.UTF_8);
    PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
    System.setOut(outStream);
    System.setErr(errStream);
    try {
      CommandLine gcjobs = Main.commandLine();
      gcjobs.setOut(new PrintWriter(outStream, true));
      gcjobs.setErr(new PrintWriter(errStream, true));
      int code = gcjobs.execute(args);
      outStream.flush();
      errStream.flush();
      return new CliRun(code, out.toByteArray(), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(realOut);
      System.setErr(realErr);
      gcjobsLogs.setLevel(level); // commands set it for the whole JVM
    }
  }

  String out() {
    return new String(stdout, StandardCharsets.UTF_8);
  }

  /** For assertion messages. */
  @Override
  public String toString() {
    return "exit " + exitCode + "\n--- stdout:\n" + out() + "\n--- stderr:\n" + stderr;
  }
}
