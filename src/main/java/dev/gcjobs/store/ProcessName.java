package dev.gcjobs.store;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Names this process's step scheduler {@code host/pid}, the {@code picked_by} of the executions it
 * runs, so that a process starting on this host can tell the executions of a dead process here
 * (killed, crashed) from those of a live one, here or elsewhere, and take them over at once instead
 * of waiting for db-scheduler to find them dead.
 */
final class ProcessName {
  private static final String HOST = hostName();
  private static final long PID = ProcessHandle.current().pid();

  private ProcessName() {}

  /** This process's name. */
  static String current() {
    return HOST + "/" + PID;
  }

  /** What the names of this host's processes start with. */
  static String hostPrefix() {
    return HOST + "/";
  }

  /** Whether {@code name} names another process on this host that no longer runs. */
  static boolean isDeadLocal(String name) {
    if (name == null || !name.startsWith(hostPrefix())) {
      return false;
    }
    try {
      long pid = Long.parseLong(name.substring(hostPrefix().length()));
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
