package dev.gcjobs.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gcjobs.server.ApiKeyVerifier;
import dev.gcjobs.server.SaltedKeyHash;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A file of API keys stored as salted SHA-256 hashes ({@link SaltedKeyHash}): what {@code gcjobs
 * keys add|list|revoke} manage and {@code gcjobs serve --keys-file} checks requests against. The
 * plain key is shown once, by {@link #add}, and never stored.
 *
 * <p>The file is JSON, written atomically and readable by its owner only (on POSIX systems). A
 * running service sees changes at its next request, so a revoked key stops working at once. Writers
 * lock {@code FILE.lock}, so two {@code keys} commands at once lose nothing.
 */
public final class ApiKeyFile {
  private static final Logger log = LoggerFactory.getLogger(ApiKeyFile.class);
  private static final String FORMAT = "gcjobs-api-keys/1";
  private static final String KEY_PREFIX = "gcj_";
  private static final int KEY_RANDOM_BYTES = 32;
  private static final int MAX_NAME_LENGTH = 100;
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Path file;

  private ApiKeyFile(Path file) {
    this.file = file.toAbsolutePath();
  }

  /** The key file at this path (it need not exist yet). */
  public static ApiKeyFile at(Path file) {
    return new ApiKeyFile(Objects.requireNonNull(file, "file"));
  }

  /** The file's absolute path. */
  public Path path() {
    return file;
  }

  /**
   * A key as {@link #add} made it: the only time the plain key is known.
   *
   * @param key the key to give to clients, e.g. {@code gcj_...}
   */
  public record NewKey(String id, String name, Instant created, String key) {
    @Override
    public String toString() {
      return "NewKey[id=" + id + ", name=" + name + ", created=" + created + "]";
    }
  }

  /** What {@link #list} shows of a key: never its hash. */
  public record KeyInfo(String id, String name, Instant created) {}

  /** A key file that cannot be read or written; the message says which file and why. */
  public static final class KeyFileException extends RuntimeException {
    KeyFileException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private record Entry(String id, String name, Instant created, byte[] salt, byte[] hash) {}

  /**
   * Makes a new random key (256 bits) and stores its salted hash.
   *
   * @param name what the key is for, e.g. {@code architect-prod}; 1 to 100 printable characters
   * @throws IllegalArgumentException for a bad name
   */
  public NewKey add(String name, Instant now) {
    String checkedName = checkName(name);
    byte[] random = new byte[KEY_RANDOM_BYTES];
    RANDOM.nextBytes(random);
    String key = KEY_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    byte[] salt = SaltedKeyHash.newSalt();
    return locked(
        () -> {
          List<Entry> entries = new ArrayList<>(read());
          String id = newId(entries);
          entries.add(new Entry(id, checkedName, now, salt, SaltedKeyHash.hash(salt, key)));
          write(entries);
          return new NewKey(id, checkedName, now, key);
        });
  }

  /** The keys, oldest first (an absent file has none). */
  public List<KeyInfo> list() {
    return read().stream().map(e -> new KeyInfo(e.id(), e.name(), e.created())).toList();
  }

  /**
   * Removes the key with this id.
   *
   * @return whether there was one
   */
  public boolean revoke(String id) {
    return locked(
        () -> {
          List<Entry> entries = new ArrayList<>(read());
          boolean removed = entries.removeIf(e -> e.id().equals(id));
          if (removed) {
            write(entries);
          }
          return removed;
        });
  }

  /**
   * A verifier over this file that rereads it whenever it changes.
   *
   * @throws KeyFileException when the file exists but cannot be read (checked now, at startup)
   */
  public ApiKeyVerifier verifier() {
    return new ReloadingVerifier();
  }

  /** Checks presented keys against the file's current content. */
  private final class ReloadingVerifier implements ApiKeyVerifier {
    private record Snapshot(Object version, List<Entry> entries) {}

    private volatile Snapshot snapshot;

    ReloadingVerifier() {
      snapshot = new Snapshot(version(), read());
    }

    @Override
    public Optional<String> identify(String presented) {
      String found = null;
      // Every entry is hashed and compared, so the timing does not tell which one matched.
      for (Entry entry : current()) {
        if (SaltedKeyHash.matches(entry.salt(), entry.hash(), presented) && found == null) {
          found = entry.id();
        }
      }
      return Optional.ofNullable(found);
    }

    @Override
    public boolean hasKeys() {
      return !current().isEmpty();
    }

    private List<Entry> current() {
      Snapshot seen = snapshot;
      Object version = version();
      if (Objects.equals(version, seen.version())) {
        return seen.entries();
      }
      synchronized (this) {
        try {
          snapshot = new Snapshot(version, read());
        } catch (KeyFileException e) {
          // Fail closed: a key file that cannot be read accepts no key until it is fixed.
          log.error("{}; no API key is accepted until it is fixed", e.getMessage());
          snapshot = new Snapshot(version, List.of());
        }
        return snapshot.entries();
      }
    }
  }

  /** Changes whenever the file is rewritten (atomic moves give a new inode and mtime). */
  private Object version() {
    try {
      BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
      return List.of(
          String.valueOf(attributes.fileKey()), attributes.lastModifiedTime(), attributes.size());
    } catch (NoSuchFileException e) {
      return "absent";
    } catch (IOException e) {
      return "unreadable:" + e.getClass().getSimpleName();
    }
  }

  private List<Entry> read() {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return List.of();
    } catch (IOException e) {
      throw new KeyFileException("cannot read the key file " + file + ": " + e.getMessage(), e);
    }
    try {
      JsonNode root = MAPPER.readTree(bytes);
      if (root == null || !FORMAT.equals(root.path("format").asText())) {
        throw new IOException("it is not a gcjobs key file (format " + FORMAT + ")");
      }
      List<Entry> entries = new ArrayList<>();
      HexFormat hex = HexFormat.of();
      for (JsonNode key : root.path("keys")) {
        entries.add(
            new Entry(
                key.get("id").asText(),
                key.get("name").asText(),
                Instant.parse(key.get("created").asText()),
                hex.parseHex(key.get("salt").asText()),
                hex.parseHex(key.get("sha256").asText())));
      }
      return List.copyOf(entries);
    } catch (IOException | RuntimeException e) {
      throw new KeyFileException(
          "the key file "
              + file
              + " is damaged ("
              + e.getMessage()
              + "); restore it or delete it"
              + " and add keys again",
          e);
    }
  }

  private void write(List<Entry> entries) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("format", FORMAT);
    root.put("hashing", "sha256(salt || utf8(key)), hex");
    ArrayNode keys = root.putArray("keys");
    HexFormat hex = HexFormat.of();
    for (Entry entry : entries) {
      keys.addObject()
          .put("id", entry.id())
          .put("name", entry.name())
          .put("created", entry.created().toString())
          .put("salt", hex.formatHex(entry.salt()))
          .put("sha256", hex.formatHex(entry.hash()));
    }
    try {
      Path directory = file.getParent();
      Files.createDirectories(directory);
      Path temporary = Files.createTempFile(directory, ".api-keys", ".tmp");
      ownerOnly(temporary);
      Files.write(temporary, MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
      try {
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new KeyFileException("cannot write the key file " + file + ": " + e.getMessage(), e);
    }
  }

  private <T> T locked(Supplier<T> change) {
    Path lockFile = file.resolveSibling(file.getFileName() + ".lock");
    try {
      Files.createDirectories(file.getParent());
      try (FileChannel channel =
              FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
          FileLock ignored = channel.lock()) {
        return change.get();
      }
    } catch (IOException e) {
      throw new KeyFileException("cannot lock the key file " + lockFile + ": " + e.getMessage(), e);
    }
  }

  private static void ownerOnly(Path path) throws IOException {
    try {
      Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException e) {
      // Not a POSIX file system (Windows): its ACLs decide.
    }
  }

  private static String newId(List<Entry> entries) {
    HexFormat hex = HexFormat.of();
    while (true) {
      byte[] random = new byte[4];
      RANDOM.nextBytes(random);
      String id = "key_" + hex.formatHex(random);
      if (entries.stream().noneMatch(e -> e.id().equals(id))) {
        return id;
      }
    }
  }

  private static String checkName(String name) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("give the key a name, e.g. architect-prod");
    }
    String stripped = name.strip();
    if (stripped.length() > MAX_NAME_LENGTH || stripped.chars().anyMatch(Character::isISOControl)) {
      throw new IllegalArgumentException(
          "a key name has 1 to " + MAX_NAME_LENGTH + " printable characters");
    }
    return stripped;
  }
}
