package dev.gcjobs.sink;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Makes a directory entry (a created or renamed file) durable. */
final class FileSync {
  private FileSync() {}

  static void directory(Path dir) {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException e) {
      // Some platforms (Windows) cannot open a directory for syncing; their renames are durable.
    }
  }
}
