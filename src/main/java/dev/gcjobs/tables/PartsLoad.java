package dev.gcjobs.tables;

import dev.gcjobs.sink.LimitedInputStream;
import dev.gcjobs.sink.Manifest;
import dev.gcjobs.sink.OutputTarget;
import dev.gcjobs.sink.SavedPart;
import dev.gcjobs.sink.SinkException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongConsumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An export's records loaded into one destination while the export runs, page by page as its chunks
 * save them; then, once the export is done, what is left, from its output file, which joins the
 * same parts. Conversations are loaded in any order (each is in one chunk only); users in chunk
 * order (a user is in every chunk that saw them, and the later chunk's record wins, as in the
 * output). When the export ends, only its last pages are left to load. Not thread-safe.
 */
public final class PartsLoad {
  /**
   * How often a caller following an export calls {@link #loadReady}: each call costs a transaction
   * and, in DuckDB, a round of statements whatever it holds, so pages are taken a few at a time;
   * what the export's end leaves to load is about this much of its pages.
   */
  public static final Duration EVERY = Duration.ofSeconds(1);

  private static final Logger log = LoggerFactory.getLogger(PartsLoad.class);

  /** Failures in a row after which {@link #follow} gives up: what is left is then for the end. */
  private static final int FAILURES_IN_A_ROW = 3;

  /**
   * Records loaded between two checkpoints of the destination: a checkpoint costs more the more it
   * writes, but also a little whatever it writes.
   */
  private static final long RECORDS_PER_CHECKPOINT = 10_000;

  private final TableDestination destination;
  private final RecordKind kind;
  private final Map<Integer, Loaded> loaded = new HashMap<>();
  private final Map<String, Long> unknownFields = new TreeMap<>();
  private LoadCounts counts = LoadCounts.NONE;
  private boolean opened;
  private long sinceCheckpoint;
  private int failuresInARow;

  /** In chunk order only: the first chunk not yet loaded whole. */
  private int nextInOrder;

  /** What {@link #finish} loads, once known. */
  private List<Stretch> plan;

  /**
   * What was loaded of a chunk's part: its first {@code bytes}, and their SHA-256; not usable once
   * the chunk ran again from its start (its part shrank): then loaded whole at the end instead.
   */
  private static final class Loaded {
    String run;
    long bytes;
    MessageDigest sha256 = ContentHash.sha256();
    boolean usable = true;

    Loaded(String run) {
      this.run = run;
    }
  }

  /** Bytes of the output to load. */
  private record Stretch(long from, long length) {}

  /**
   * Loads records of {@code kind} into {@code destination}, which this opens; the caller closes it.
   */
  public PartsLoad(TableDestination destination, RecordKind kind) {
    this.destination = destination;
    this.kind = kind;
  }

  /**
   * {@link #loadReady} for a caller following an export, which has time: a failure is logged and
   * the destination closed, so that the next call opens it anew (a PostgreSQL connection dropped
   * while the export waited on Genesys, say).
   *
   * @param export names the export in the log
   * @param saved the export's parts as saved so far, asked for by this call
   * @return whether to go on calling: false after three failures in a row, when {@link #finish} is
   *     left to load the rest and to say what is wrong if it still is
   */
  public boolean follow(String export, Supplier<List<SavedPart>> saved, LongConsumer bytesRead) {
    try {
      loadReady(saved.get(), bytesRead);
      failuresInARow = 0;
      return true;
    } catch (RuntimeException e) {
      failuresInARow++;
      log.warn(
          "{}: loading the pages saved failed ({} in a row{}): {}",
          export,
          failuresInARow,
          failuresInARow < FAILURES_IN_A_ROW ? "" : "; the rest is loaded once it is done",
          e.getMessage());
      reopen();
      return failuresInARow < FAILURES_IN_A_ROW;
    }
  }

  /**
   * Loads what the parts saved since the last call, in one transaction: for users, only from the
   * first chunk not loaded whole, then from the next once it is done. A part whose file is gone
   * (the export ended, and its output holds it now) is left to {@link #finish}.
   *
   * @param saved the export's parts as saved so far, in any order
   * @param bytesRead told, now and then, how many bytes of the current part were read
   * @return how many parts this call loaded from
   * @throws TablesException when the destination fails or a record cannot be read
   */
  public int loadReady(List<SavedPart> saved, LongConsumer bytesRead) {
    Map<Loaded, Attempt> attempts = new HashMap<>();
    int next = nextInOrder; // moved on once the chunks before it are committed
    for (SavedPart part :
        saved.stream().sorted(Comparator.comparingInt(p -> p.file().seq())).toList()) {
      int seq = part.file().seq();
      if (!kind.oncePerExport() && seq != next) {
        if (seq < next) {
          continue;
        }
        break; // the chunk before it saved nothing yet
      }
      Loaded chunk = loaded.computeIfAbsent(seq, s -> new Loaded(part.run()));
      long upTo = part.file().checkpoint().bytes();
      if (!chunk.run.equals(part.run()) && chunk.bytes == 0) {
        chunk.run = part.run(); // it ran again before any of it was loaded
      } else if (!chunk.run.equals(part.run()) || upTo < chunk.bytes) {
        chunk.usable = false; // it ran again: what was loaded of it may not be in its part now
      }
      if (chunk.usable && upTo > chunk.bytes) {
        Attempt attempt = new Attempt(upTo, copy(chunk.sha256));
        if (!addPart(part.file().path(), chunk.bytes, attempt, bytesRead)) {
          break;
        }
        attempts.put(chunk, attempt);
      }
      if (!kind.oncePerExport()) {
        if (!part.done() || !chunk.usable) {
          break;
        }
        next++;
      }
    }
    long before = counts.records();
    commit();
    nextInOrder = next;
    attempts.forEach(
        (chunk, attempt) -> {
          chunk.bytes = attempt.upTo;
          chunk.sha256 = attempt.sha256;
        });
    sinceCheckpoint += counts.records() - before;
    if (sinceCheckpoint >= RECORDS_PER_CHECKPOINT) {
      sinceCheckpoint = 0;
      checkpoint();
    }
    return attempts.size();
  }

  /**
   * While the export waits on Genesys, so that the destination's close has little left to write;
   * one that fails leaves it all to the close.
   */
  private void checkpoint() {
    try {
      destination.checkpoint();
    } catch (TablesException e) {
      log.warn("{} (what was loaded is committed; it is written at close)", e.getMessage());
    }
  }

  /** A chunk's bytes up to {@code upTo} being loaded, with the SHA-256 of all up to there. */
  private record Attempt(long upTo, MessageDigest sha256) {}

  /** Adds the part's bytes from {@code from}; false if its file is gone. */
  private boolean addPart(Path part, long from, Attempt attempt, LongConsumer bytesRead) {
    try {
      add(
          NdjsonLoad.stretch(part, from, attempt.upTo - from, kind, bytesRead)
              .digesting(attempt.sha256));
      return true;
    } catch (TablesException e) {
      if (e.getCause() instanceof NoSuchFileException) {
        return false;
      }
      throw e;
    }
  }

  /** How many of {@code output}'s bytes {@link #finish} will read. */
  public long rest(Path output) {
    return restOf(output).stream().mapToLong(Stretch::length).sum();
  }

  /**
   * Loads what {@code output}, the finished export's output, holds beyond what was loaded: for each
   * chunk, the bytes after those loaded, or all of them when the loaded ones are not those of the
   * output (a chunk ran again from its start after some of its pages were loaded: the output's
   * manifest says where each chunk's bytes are, their SHA-256 which ones they are).
   *
   * @param bytesRead told how many of those bytes were read so far
   * @return what the whole load did
   * @throws TablesException when the destination fails or a record cannot be read
   */
  public LoadResult finish(Path output, LongConsumer bytesRead) {
    try {
      return finishOnce(output, bytesRead);
    } catch (TablesException e) {
      if (e.subject() == TablesException.Subject.INPUT) {
        throw e;
      }
      log.warn("{}; opening it anew and loading again", e.getMessage());
      reopen();
      return finishOnce(output, bytesRead);
    }
  }

  private LoadResult finishOnce(Path output, LongConsumer bytesRead) {
    long done = 0;
    for (Stretch stretch : restOf(output)) {
      long before = done;
      add(
          NdjsonLoad.stretch(
              output, stretch.from, stretch.length, kind, n -> bytesRead.accept(before + n)));
      done += stretch.length;
    }
    if (!opened) {
      add(NdjsonLoad.stretch(output, 0, 0, kind, n -> {})); // no records: the tables still exist
    }
    commit();
    return new LoadResult(kind, counts, unknownFields);
  }

  private List<Stretch> restOf(Path output) {
    if (plan == null) {
      plan = plan(output);
    }
    return plan;
  }

  private List<Stretch> plan(Path output) {
    List<Manifest.Chunk> chunks;
    try {
      chunks = Manifest.read(OutputTarget.parse(output.toString()).manifestFile()).chunks();
    } catch (SinkException e) {
      // Nothing to check the loaded bytes against: the whole output, to be sure.
      return List.of(new Stretch(0, output.toFile().length()));
    }
    List<Stretch> plan = new ArrayList<>();
    long offset = 0;
    boolean reloading = false;
    for (Manifest.Chunk c : chunks) {
      Loaded chunk = loaded.get(c.seq());
      long from = 0;
      if (!reloading && chunk != null && isPrefix(output, offset, chunk, c.bytes())) {
        from = chunk.bytes;
      } else if (chunk != null && !kind.oncePerExport()) {
        reloading = true; // the chunks after it were loaded before it: load them again after it
      }
      if (from < c.bytes()) {
        add(plan, new Stretch(offset + from, c.bytes() - from));
      }
      offset += c.bytes();
    }
    return plan;
  }

  /** Adds {@code next} to {@code plan}, as part of its last stretch when it follows it. */
  private static void add(List<Stretch> plan, Stretch next) {
    int last = plan.size() - 1;
    if (last >= 0 && plan.get(last).from + plan.get(last).length == next.from) {
      plan.set(last, new Stretch(plan.get(last).from, plan.get(last).length + next.length));
    } else {
      plan.add(next);
    }
  }

  /** Whether the chunk's loaded bytes are those at {@code offset} in the output. */
  private static boolean isPrefix(Path output, long offset, Loaded chunk, long chunkBytes) {
    if (!chunk.usable || chunk.bytes > chunkBytes) {
      return false;
    }
    MessageDigest there = ContentHash.sha256();
    try {
      hash(output, offset, offset + chunk.bytes, there);
    } catch (IOException e) {
      return false;
    }
    return Arrays.equals(there.digest(), copy(chunk.sha256).digest());
  }

  private static void hash(Path file, long from, long to, MessageDigest digest) throws IOException {
    try (InputStream in =
        new DigestInputStream(
            new LimitedInputStream(
                Channels.newInputStream(Files.newByteChannel(file).position(from)), to - from),
            digest)) {
      if (in.transferTo(OutputStream.nullOutputStream()) < to - from) {
        throw new IOException(file + " ends before byte " + to);
      }
    }
  }

  private void add(NdjsonLoad load) {
    if (!opened) {
      destination.open(TableMapping.of(kind));
      opened = true;
    }
    LoadResult result = load.addTo(destination);
    counts = counts.plus(result.counts());
    result.unknownFields().forEach((path, n) -> unknownFields.merge(path, n, Long::sum));
  }

  /** Closes the destination, dropping what it held uncommitted; the next load opens it again. */
  private void reopen() {
    opened = false;
    try {
      destination.close();
    } catch (TablesException e) {
      log.warn("{}", e.getMessage()); // it is opened anew, and closed again at the end
    }
  }

  private void commit() {
    if (opened) {
      counts = counts.plus(destination.commit());
    }
  }

  private static MessageDigest copy(MessageDigest digest) {
    try {
      return (MessageDigest) digest.clone();
    } catch (CloneNotSupportedException e) {
      throw new IllegalStateException("SHA-256 digests can be cloned", e);
    }
  }
}
