package dev.gcjobs.tables;

import dev.gcjobs.sink.Manifest;
import dev.gcjobs.sink.OutputTarget;
import dev.gcjobs.sink.PartFile;
import dev.gcjobs.sink.SinkException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongConsumer;

/**
 * An export's records loaded into one destination while the export runs: each done chunk's part as
 * it finishes, in chunk order (so that of two records with one id the later chunk's wins, as in the
 * output), each committed at its end; then, once the export is done, the rest from its output file,
 * which joins the same parts in the same order. When the export ends, only what its last chunks
 * hold is left to load. Not thread-safe.
 */
public final class PartsLoad implements AutoCloseable {
  private final TableDestination destination;
  private final RecordKind kind;
  private final List<PartFile> loaded = new ArrayList<>();
  private final Map<String, Long> unknownFields = new TreeMap<>();
  private LoadCounts counts = LoadCounts.NONE;
  private boolean opened;

  /** Loads records of {@code kind} into {@code destination}, which this opens and closes. */
  public PartsLoad(TableDestination destination, RecordKind kind) {
    this.destination = destination;
    this.kind = kind;
  }

  /**
   * Loads the parts of {@code done} that follow, without a gap, those loaded already (chunk seqs
   * count 0, 1, 2, ...): a chunk not yet done stops the loading until it is. A part whose file is
   * gone (the export ended and its output now holds it) is left to {@link #finish}.
   *
   * @param done the parts of the export's done chunks, those loaded before included
   * @return how many parts this call loaded
   * @throws TablesException when the destination fails or a record cannot be read
   */
  public int loadReady(List<PartFile> done) {
    int before = loaded.size();
    for (PartFile part : done.stream().sorted((a, b) -> a.seq() - b.seq()).toList()) {
      if (part.seq() != loaded.size()) {
        if (part.seq() > loaded.size()) {
          break;
        }
        continue;
      }
      try {
        add(NdjsonLoad.stretch(part.path(), 0, part.checkpoint().bytes(), kind, n -> {}));
      } catch (TablesException e) {
        if (e.getCause() instanceof NoSuchFileException) {
          break;
        }
        throw e;
      }
      loaded.add(part);
    }
    return loaded.size() - before;
  }

  /**
   * How many of {@code output}'s bytes {@link #finish} will read: those after the parts loaded, or
   * every byte when they are not the first of the output's own (its manifest says which chunks it
   * joins, and how many bytes each gave; a chunk that ran again after its part was loaded gave
   * other bytes).
   */
  public long rest(Path output) {
    long loadedBytes = loadedBytes(output);
    return Math.max(0, output.toFile().length() - loadedBytes);
  }

  /**
   * Loads what {@code output}, the finished export's output, holds beyond the parts loaded.
   *
   * @param bytesRead told how many of those bytes were read so far
   * @return what the whole load did: the parts and the rest
   * @throws TablesException when the destination fails or a record cannot be read
   */
  public LoadResult finish(Path output, LongConsumer bytesRead) {
    add(NdjsonLoad.stretch(output, loadedBytes(output), Long.MAX_VALUE, kind, bytesRead));
    return new LoadResult(kind, counts, unknownFields);
  }

  /** The output's bytes the loaded parts hold, or 0 when they are not its first parts. */
  private long loadedBytes(Path output) {
    List<Manifest.Chunk> chunks;
    try {
      chunks = Manifest.read(OutputTarget.parse(output.toString()).manifestFile()).chunks();
    } catch (SinkException e) {
      return 0; // no manifest to check the parts against: the whole output, to be sure
    }
    long bytes = 0;
    for (int i = 0; i < loaded.size(); i++) {
      PartFile part = loaded.get(i);
      if (i >= chunks.size()
          || chunks.get(i).seq() != part.seq()
          || chunks.get(i).bytes() != part.checkpoint().bytes()
          || chunks.get(i).records() != part.checkpoint().records()) {
        return 0;
      }
      bytes += part.checkpoint().bytes();
    }
    return bytes;
  }

  private void add(NdjsonLoad load) {
    if (!opened) {
      destination.open(TableMapping.of(kind));
      opened = true;
    }
    LoadResult result = load.intoOpen(destination);
    counts = counts.plus(result.counts());
    result.unknownFields().forEach((path, n) -> unknownFields.merge(path, n, Long::sum));
  }

  /** Closes the destination; what was committed stays. */
  @Override
  public void close() {
    destination.close();
  }
}
