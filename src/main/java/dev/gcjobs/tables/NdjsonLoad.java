package dev.gcjobs.tables;

import dev.gcjobs.sink.LimitedInputStream;
import java.io.BufferedReader;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PushbackInputStream;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import java.util.zip.GZIPInputStream;

/**
 * Loads an NDJSON file of records (plain, or gzip when its name ends in {@code .gz}), or a stretch
 * of one, into a {@link TableDestination}, one record at a time, committing whenever the
 * destination's batch is full and at the end. Memory stays flat: one batch at most is held, and
 * about as many records read ahead.
 */
public final class NdjsonLoad {
  private final Path file;
  private final long from;
  private final long length;
  private final RecordKind kind;
  private final LongConsumer bytesRead;
  private final MessageDigest digest;

  /**
   * The whole file.
   *
   * @param kind the kind of the records, or null to tell from the first record
   * @param bytesRead told the number of the file's bytes read so far, now and then
   */
  public NdjsonLoad(Path file, RecordKind kind, LongConsumer bytesRead) {
    this(file, 0, Long.MAX_VALUE, kind, bytesRead, null);
  }

  private NdjsonLoad(
      Path file,
      long from,
      long length,
      RecordKind kind,
      LongConsumer bytesRead,
      MessageDigest digest) {
    this.file = file;
    this.from = from;
    this.length = length;
    this.kind = kind;
    this.bytesRead = bytesRead;
    this.digest = digest;
  }

  /**
   * The {@code length} bytes of {@code file} from byte {@code from}: whole lines, and for a gzip
   * file whole gzip members, such as a chunk's part or the parts an export's output joins. It may
   * hold no record at all.
   *
   * @param bytesRead told the number of the stretch's bytes read so far, now and then
   */
  public static NdjsonLoad stretch(
      Path file, long from, long length, RecordKind kind, LongConsumer bytesRead) {
    return new NdjsonLoad(
        file, from, length, Objects.requireNonNull(kind, "kind"), bytesRead, null);
  }

  /**
   * This load, also updating {@code digest} with every byte of the stretch as read from the file
   * (after a load that succeeded, all of them: those the records were read from).
   */
  public NdjsonLoad digesting(MessageDigest digest) {
    return new NdjsonLoad(file, from, length, kind, bytesRead, digest);
  }

  /**
   * Reads the file into {@code destination}, which this opens; the caller closes it. The file is
   * read (and flattened, for a destination that does not flatten records itself) on a thread of its
   * own while this one writes, so the two overlap.
   *
   * @throws TablesException (subject {@code INPUT}) when the file cannot be read or a line is not a
   *     record; the batches before it are written, the one it is in is not
   */
  public LoadResult into(TableDestination destination) {
    return into(destination, true);
  }

  /**
   * Adds the records to {@code destination}, which the caller opened for this load's kind, and
   * commits each batch that fills up; the caller commits the rest. No records is no error.
   *
   * @return what the batches committed here did
   * @throws TablesException as {@link #into}
   */
  public LoadResult addTo(TableDestination destination) {
    return into(destination, false);
  }

  /** Opens {@code destination} and commits at the end, or neither. */
  private LoadResult into(TableDestination destination, boolean whole) {
    if (destination instanceof TableDestination.Json json) {
      return into(destination, whole, RecordReader::nextJson, json::add);
    }
    TableDestination.Rows rows = (TableDestination.Rows) destination;
    return into(destination, whole, RecordReader::nextFlat, rows::add);
  }

  /** How the reading thread reads the next record: flattened, or only checked. */
  private interface Next<R> {
    R next(RecordReader reader) throws IOException;
  }

  private <R> LoadResult into(
      TableDestination destination, boolean whole, Next<R> next, Consumer<R> add) {
    try (Counting raw = openRaw();
        InputStream in = decode(raw);
        BufferedReader lines =
            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16)) {
      RecordReader reader = new RecordReader(lines, file.toString(), kind);
      Handoff<R> handoff = new Handoff<>(reader, next);
      Thread flattening = new Thread(handoff, "gcjobs-flatten");
      flattening.setDaemon(true);
      flattening.start();
      try {
        LoadResult result = load(handoff, reader, destination, whole, add);
        raw.transferTo(OutputStream.nullOutputStream()); // the decoder's leftovers, digested too
        if (length != Long.MAX_VALUE && raw.total < length) {
          throw input("ends before byte " + (from + length), null);
        }
        return result;
      } finally {
        flattening.interrupt();
        flattening.join();
      }
    } catch (IOException e) {
      throw input("cannot read (" + e.getMessage() + ")", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw input("interrupted", e);
    }
  }

  private <R> LoadResult load(
      Handoff<R> handoff,
      RecordReader reader,
      TableDestination destination,
      boolean whole,
      Consumer<R> add)
      throws InterruptedException, IOException {
    LoadCounts counts = LoadCounts.NONE;
    boolean opened = !whole;
    long added = 0;
    long committed = 0; // records, not the counts' users: a user of two batches counts in each
    try {
      for (List<R> chunk = handoff.take(); !chunk.isEmpty(); chunk = handoff.take()) {
        if (!opened) {
          destination.open(TableMapping.of(reader.kind()));
          opened = true;
        }
        for (R record : chunk) {
          add.accept(record);
          added++;
          if (destination.batchFull()) {
            counts = counts.plus(destination.commit());
            committed = added;
          }
        }
      }
    } catch (IOException e) {
      throw loadedBefore(unreadable(e, reader), whole, committed);
    } catch (TablesException e) {
      throw e.subject() == TablesException.Subject.INPUT ? loadedBefore(e, whole, committed) : e;
    }
    if (!opened) {
      throw input("no records in it", null);
    }
    if (whole) {
      counts = counts.plus(destination.commit());
    }
    return new LoadResult(reader.kind(), counts, reader.unknownFields().byPath());
  }

  /**
   * Runs the reader on its own thread and hands its records over in chunks; an empty chunk is the
   * end, a failure is thrown again by {@link #take()}.
   */
  private static final class Handoff<R> implements Runnable {
    /** Records per hand-over: amortizes the queue, keeps the two threads close. */
    private static final int CHUNK = 256;

    /**
     * Chunks waiting: about a PostgreSQL batch, so that the next batch is read and flattened while
     * the destination writes one; and a bound on the memory when writing is slower than reading.
     */
    private static final int QUEUED = 80;

    private final RecordReader reader;
    private final Next<R> next;
    private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(QUEUED);

    Handoff(RecordReader reader, Next<R> next) {
      this.reader = reader;
      this.next = next;
    }

    @Override
    public void run() {
      try {
        List<R> chunk = new ArrayList<>(CHUNK);
        for (R record = next.next(reader); record != null; record = next.next(reader)) {
          chunk.add(record);
          if (chunk.size() == CHUNK) {
            queue.put(chunk);
            chunk = new ArrayList<>(CHUNK);
          }
        }
        if (!chunk.isEmpty()) {
          queue.put(chunk);
        }
        queue.put(List.of());
      } catch (InterruptedException e) {
        // the writer stopped; nobody waits for more
      } catch (OutOfMemoryError e) {
        fail(reader.tooLarge(e));
      } catch (IOException | RuntimeException | Error e) {
        fail(e); // an error too: the writer waits for the reader's end
      }
    }

    private void fail(Throwable e) {
      try {
        queue.put(e);
      } catch (InterruptedException stopped) {
        // the writer stopped; nobody waits for the failure either
      }
    }

    @SuppressWarnings("unchecked")
    List<R> take() throws InterruptedException, IOException {
      Object taken = queue.take();
      if (taken instanceof RuntimeException e) {
        throw e;
      }
      if (taken instanceof IOException e) {
        throw e;
      }
      if (taken instanceof Error e) {
        throw e;
      }
      return (List<R>) taken;
    }
  }

  /** The file's bytes of the stretch, counted, and digested when asked. */
  private Counting openRaw() throws IOException {
    SeekableByteChannel channel;
    try {
      channel = Files.newByteChannel(file);
    } catch (NoSuchFileException e) {
      throw input("no such file", e);
    }
    InputStream in = new LimitedInputStream(Channels.newInputStream(channel), length);
    try {
      if (from > 0) { // a pipe (/dev/stdin) cannot seek, even to where it is
        channel.position(from);
      }
    } catch (IOException e) {
      in.close();
      throw e;
    }
    return new Counting(digest == null ? in : new DigestInputStream(in, digest), bytesRead);
  }

  private InputStream decode(InputStream raw) throws IOException {
    if (length == 0) {
      return raw; // nothing to read: not even a gzip header
    }
    if (file.getFileName().toString().endsWith(".gz")) {
      return new GZIPInputStream(raw, 1 << 16);
    }
    if (length != Long.MAX_VALUE) {
      return raw; // a stretch of a plain file
    }
    // A whole file of another name (a pipe, /dev/stdin) may be gzip all the same: its magic tells.
    PushbackInputStream head = new PushbackInputStream(raw, 2);
    byte[] magic = head.readNBytes(2);
    head.unread(magic);
    boolean gzip = magic.length == 2 && (magic[0] & 0xff) == 0x1f && (magic[1] & 0xff) == 0x8b;
    return gzip ? new GZIPInputStream(head, 1 << 16) : head;
  }

  /** The file could not be read on: cut short, or a failure of the disk. */
  private TablesException unreadable(IOException e, RecordReader reader) {
    String where = "line " + reader.lineNumber() + ": ";
    return e instanceof EOFException
        ? input(where + "the file ends in the middle of its compressed data (cut short?)", e)
        : input(where + "cannot read (" + e.getMessage() + ")", e);
  }

  /**
   * {@code e}, saying for a whole load that the batches before it are in the tables, which a run on
   * the repaired file only completes.
   */
  private static TablesException loadedBefore(TablesException e, boolean whole, long committed) {
    if (!whole || committed == 0) {
      return e;
    }
    return new TablesException(
        e.subject(),
        e.getMessage()
            + "; the "
            + String.format(java.util.Locale.ROOT, "%,d", committed)
            + " records before it are loaded: repair the file and run the same command again",
        e);
  }

  private TablesException input(String what, Throwable cause) {
    return new TablesException(TablesException.Subject.INPUT, file + ": " + what, cause);
  }

  /** Tells how many bytes were read, every time a read returns. */
  private static final class Counting extends FilterInputStream {
    private final LongConsumer bytesRead;
    private long total;

    Counting(InputStream in, LongConsumer bytesRead) {
      super(in);
      this.bytesRead = bytesRead;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        bytesRead.accept(++total);
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = super.read(buffer, offset, length);
      if (n > 0) {
        total += n;
        bytesRead.accept(total);
      }
      return n;
    }
  }
}
