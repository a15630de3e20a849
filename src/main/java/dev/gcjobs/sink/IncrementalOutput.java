package dev.gcjobs.sink;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;

/**
 * An export's output file, built while the export runs: each done chunk's part is appended, in
 * chunk order, to a hidden file next to the output ({@code .<output name>.<export
 * id>.<pid>.part.tmp}), its SHA-256 computed on the way, so that when the last chunk is done only
 * that chunk's part is left to copy before the file is renamed over the output. Joining every part
 * at the end made the export that much longer, all of it after the last chunk (docs/benchmarks.md,
 * "Export makespan").
 *
 * <p>The output and manifest {@link #finish} writes are byte for byte those {@link
 * OutputAssembler#assemble} writes for the same parts (it joins through this class). What was
 * appended is known in memory only: a killed process leaves at most the hidden file, which the next
 * instance for the export replaces on its first append. Thread-safe: calls on one instance are
 * serialized.
 */
public final class IncrementalOutput {
  private static final String PID = Long.toString(ProcessHandle.current().pid());

  private static final int BUFFER_SIZE = 64 * 1024;

  private final OutputTarget target;
  private final Path temp;
  private final MessageDigest sha256 = JoinedParts.newSha256();
  private final List<PartFile> appended = new ArrayList<>();
  private final List<Long> appendedBytes = new ArrayList<>();
  private FileChannel channel;
  private OutputStream out;
  private Object fileKey;
  private boolean ended;

  private IncrementalOutput(OutputTarget target, Path temp) {
    this.target = target;
    this.temp = temp;
  }

  /**
   * The output of export {@code exportId}, with nothing appended yet; no file exists until the
   * first append.
   *
   * @throws IllegalArgumentException for a stream output, which gets its records only at the end
   */
  public static IncrementalOutput of(OutputTarget target, String exportId) {
    return new IncrementalOutput(target, tempFileOf(fileOf(target), partName(exportId, PID)));
  }

  /**
   * Named by the process too: two processes building one export's output (they share a store and a
   * state directory) each build their own file, so that neither renames the other's half-built file
   * into place.
   */
  private static String partName(String exportId, String process) {
    return exportId + "." + process + ".part";
  }

  /** For a join in one go: a random name, so that two processes joining at once do not collide. */
  static IncrementalOutput once(OutputTarget target) {
    return new IncrementalOutput(target, tempFileOf(fileOf(target), UUID.randomUUID().toString()));
  }

  /**
   * Deletes the hidden file a killed run of export {@code exportId} may have left, for when the
   * output is joined in one go instead.
   */
  public static void deleteLeftover(OutputTarget target, String exportId) {
    Path any = tempFileOf(fileOf(target), partName(exportId, "*"));
    try (DirectoryStream<Path> leftovers =
        Files.newDirectoryStream(any.getParent(), any.getFileName().toString())) {
      for (Path leftover : leftovers) {
        // Another process's file, if it still builds one, fails its own check and is joined anew.
        Files.deleteIfExists(leftover);
      }
    } catch (IOException e) {
      // Only litter stays behind; the next run of the export replaces it.
    }
  }

  private static Path fileOf(OutputTarget target) {
    if (target.isStream()) {
      throw new IllegalArgumentException("a stream output is written only once the export is done");
    }
    return target.file();
  }

  private static Path tempFileOf(Path output, String name) {
    Path file = output.toAbsolutePath().normalize();
    // Not createTempFile: its owner-only permissions would stay on the output after the rename;
    // a plain new file gets the user's umask like any file they write.
    return file.resolveSibling("." + file.getFileName() + "." + name + ".tmp");
  }

  /** The hidden file the output is built in until {@link #finish} renames it. */
  public Path tempFile() {
    return temp;
  }

  /**
   * Appends, in seq order, the parts of {@code done} that follow those already appended without a
   * gap (chunk seqs count 0, 1, 2, ...): a chunk not yet done stops the appending until it is. The
   * first append replaces a file a killed run left. What was appended is forced to disk, so that
   * {@link #finish} has little left to sync.
   *
   * @param done the parts of the export's done chunks, in any order, those appended before included
   * @return how many parts this call appended; none after {@link #finish} or {@link #discard}
   * @throws SinkException when a part is missing, shorter than its checkpoint or of the wrong
   *     compression, or the file cannot be written; the file is then discarded
   */
  public synchronized int appendReady(List<PartFile> done) {
    if (ended) {
      return 0;
    }
    List<PartFile> next = new ArrayList<>();
    for (PartFile part : ordered(done)) {
      int expected = appended.size() + next.size();
      if (part.seq() == expected) {
        next.add(part);
      } else if (part.seq() > expected) {
        break; // a gap: the chunk at expected is not done yet
      }
    }
    if (next.isEmpty()) {
      return 0;
    }
    try {
      for (PartFile part : next) {
        append(part);
      }
      out.flush();
      channel.force(false);
    } catch (IOException e) {
      discard();
      throw new SinkException("cannot write " + temp + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      discard();
      throw e;
    }
    return next.size();
  }

  /**
   * Appends the parts not yet appended, renames the file over the output (fsynced, then its
   * directory) and writes the manifest beside it the same way.
   *
   * @param label what the output holds, for the manifest
   * @param parts every chunk's part file, in any order (joined by seq)
   * @param createdAt the manifest's creation time
   * @return the manifest; empty, and the file discarded, when the parts appended are not the first
   *     of {@code parts} as they are now (a chunk ran again since), when another process replaced
   *     the file, or after {@link #discard}: then join the parts with {@link OutputAssembler}
   * @throws SinkException when a part is missing, shorter than its checkpoint or of the wrong
   *     compression, or the output cannot be written; the file is then discarded
   */
  public synchronized Optional<Manifest> finish(
      ExportLabel label, List<PartFile> parts, Instant createdAt) {
    List<PartFile> ordered = ordered(parts);
    if (ended || !holdsTheFirstOf(ordered)) {
      discard();
      return Optional.empty();
    }
    long bytes;
    try {
      for (PartFile part : ordered.subList(appended.size(), ordered.size())) {
        append(part);
      }
      if (out == null) {
        open(); // no parts at all
      }
      if (target.gzip() && appendedBytes.stream().mapToLong(Long::longValue).sum() == 0) {
        // No records at all: one empty gzip member keeps the file a valid gzip stream.
        new GZIPOutputStream(new NonClosingOutputStream(out)).close();
      }
      out.flush();
      channel.force(true);
      bytes = channel.size();
      if (!stillOurs()) {
        discard();
        return Optional.empty();
      }
      out.close();
      Files.move(
          temp, target.file(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      ended = true;
      FileSync.directory(temp.getParent());
    } catch (IOException e) {
      discard();
      throw new SinkException("cannot write " + target.file() + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      discard();
      throw e;
    }
    Manifest manifest =
        new JoinedParts(appended, appendedBytes, bytes, JoinedParts.hex(sha256))
            .manifest(target, label, createdAt);
    writeAtomically(target.manifestFile(), manifest.toJson());
    return Optional.of(manifest);
  }

  /** Deletes the file, unless another process replaced it; later calls do nothing. */
  public synchronized void discard() {
    if (ended) {
      return;
    }
    ended = true;
    if (out == null) {
      return;
    }
    try {
      out.close();
    } catch (IOException e) {
      // Deleted next: what it would have flushed does not matter.
    }
    if (stillOurs()) {
      try {
        Files.deleteIfExists(temp);
      } catch (IOException e) {
        // Only litter stays behind; the next run of the export replaces it.
      }
    }
  }

  private void append(PartFile part) throws IOException {
    part.checkFor(target);
    if (out == null) {
      open();
    }
    long copied;
    try (InputStream in = part.openCheckpointed()) {
      copied = in.transferTo(out);
    }
    // A part cut short after its size was checked would otherwise end up short in the output.
    if (copied != part.checkpoint().bytes()) {
      throw new SinkException(
          "part file "
              + part.path()
              + " changed while it was read: "
              + copied
              + " bytes instead of the "
              + part.checkpoint().bytes()
              + " of its checkpoint");
    }
    appendedBytes.add(copied);
    appended.add(part);
  }

  private void open() throws IOException {
    Files.deleteIfExists(temp); // a killed run's: rebuilt from the parts
    channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    fileKey = Files.readAttributes(temp, BasicFileAttributes.class).fileKey();
    out =
        new DigestOutputStream(
            new BufferedOutputStream(Channels.newOutputStream(channel), BUFFER_SIZE), sha256);
  }

  /**
   * Whether the file at {@link #temp} is still the one this instance created: another process
   * building the same export's output (two engines on one store) replaces it on its first append.
   */
  private boolean stillOurs() {
    try {
      Object now = Files.readAttributes(temp, BasicFileAttributes.class).fileKey();
      return fileKey == null || Objects.equals(fileKey, now); // no file keys (Windows): trust it
    } catch (IOException e) {
      return false; // gone
    }
  }

  private boolean holdsTheFirstOf(List<PartFile> ordered) {
    if (appended.size() > ordered.size()) {
      return false;
    }
    for (int i = 0; i < appended.size(); i++) {
      PartFile had = appended.get(i);
      PartFile now = ordered.get(i);
      if (had.seq() != now.seq()
          || !had.checkpoint().equals(now.checkpoint())
          || !had.path().equals(now.path())) {
        return false;
      }
    }
    return true;
  }

  private static List<PartFile> ordered(List<PartFile> parts) {
    List<PartFile> ordered = new ArrayList<>(parts);
    ordered.sort(Comparator.comparingInt(PartFile::seq));
    return ordered;
  }

  /** Writes {@code path} through a temporary sibling, fsync and an atomic rename. */
  private static void writeAtomically(Path path, byte[] content) {
    Path temp = tempFileOf(path, UUID.randomUUID().toString());
    try {
      try (FileChannel file =
          FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        Channels.newOutputStream(file).write(content);
        file.force(true);
      }
      Files.move(temp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      FileSync.directory(temp.getParent());
    } catch (IOException e) {
      try {
        Files.deleteIfExists(temp);
      } catch (IOException ignored) {
        // The write already failed; that error is the one to report.
      }
      throw new SinkException("cannot write " + path + ": " + e.getMessage(), e);
    }
  }
}
