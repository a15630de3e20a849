package dev.gcjobs.engine;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Names a worker as {@code host/pid/worker}, so that a process resuming an export can tell a lease
 * held by a dead process on this host (killed, crashed) from one held by a live worker elsewhere,
 * and take the chunk over at once instead of waiting for the lease to run out.
 */
final class LeaseOwner {
  private static final String HOST = hostName();
  private static final long PID = ProcessHandle.current().pid();

  private LeaseOwner() {}

  /** The owner name of this process's worker {@code worker}. */
  static String of(String worker) {
    return HOST + "/" + PID + "/" + worker;
  }

  /** Whether {@code owner} names a worker of a process on this host that no longer runs. */
  static boolean isDeadLocal(String owner) {
    if (owner == null) {
      return false;
    }
    String[] parts = owner.split("/", 3);
    if (parts.length < 3 || !parts[0].equals(HOST)) {
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
