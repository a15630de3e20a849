package dev.gcjobs.sync;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Names a process as {@code host/pid} in a sync's claim, so that a process running the sync again
 * can tell a claim left by a dead process on this host (killed, crashed) from one a live process
 * holds, and take the sync over at once instead of waiting for the claim to run out.
 */
public final class ProcessName {
  private static final String HOST = hostName();
  private static final long PID = ProcessHandle.current().pid();

  private ProcessName() {}

  /** This process. */
  public static String current() {
    return HOST + "/" + PID;
  }

  /** Whether {@code owner} names a process on this host, not this one, that no longer runs. */
  static boolean isDeadLocal(String owner) {
    String[] parts = owner.split("/", 2);
    if (parts.length < 2 || !parts[0].equals(HOST)) {
      return false;
    }
    try {
      long pid = Long.parseLong(parts[1]);
      return pid != PID && ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true);
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "localhost";
    }
  }
}
