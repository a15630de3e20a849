package dev.gcjobs.cli;

import dev.gcjobs.app.ExportStore;
import dev.gcjobs.engine.ExportCatalog;
import dev.gcjobs.engine.ExportListing;
import dev.gcjobs.engine.ExportStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The exports in the store, for the {@code gcjobs exports} subcommands: the store opened and its
 * read-only catalog. Close it when done.
 */
final class StoredExports implements AutoCloseable {
  /** Shorter prefixes match too much to be meant. */
  static final int MIN_PREFIX = 4;

  private static final int PAGE = 500;

  private final ExportStore store;
  private final ExportCatalog catalog;

  private StoredExports(ExportStore store) {
    this.store = store;
    this.catalog = store.catalog();
  }

  /** Opens the store of {@code options}. */
  static StoredExports open(StoreOptions options) {
    return new StoredExports(options.open());
  }

  /** Where the exports are, for messages: the JDBC URL without its settings and password. */
  String where() {
    return store.where();
  }

  ExportStore store() {
    return store;
  }

  ExportCatalog catalog() {
    return catalog;
  }

  /**
   * The export with this id, or else the only one whose id starts with it (like git's short
   * hashes).
   *
   * @throws UnknownExport when none, or several, match
   */
  ExportStatus resolve(String idOrPrefix) {
    Optional<ExportStatus> exact = catalog.find(idOrPrefix);
    if (exact.isPresent()) {
      return exact.get();
    }
    List<ExportStatus> matches = new ArrayList<>();
    if (idOrPrefix.length() >= MIN_PREFIX) {
      String cursor = null;
      do {
        ExportListing page = catalog.list(null, PAGE, cursor);
        page.exports().stream().filter(e -> e.id().startsWith(idOrPrefix)).forEach(matches::add);
        cursor = page.nextCursor();
      } while (cursor != null);
    }
    if (matches.size() == 1) {
      return matches.get(0);
    }
    if (matches.isEmpty()) {
      throw new UnknownExport(
          "no export "
              + idOrPrefix
              + " in "
              + where()
              + "; `gcjobs exports list` shows the exports there (or use --state-dir / --db)");
    }
    throw new UnknownExport(
        "'"
            + idOrPrefix
            + "' matches "
            + matches.size()
            + " exports ("
            + String.join(", ", matches.stream().map(ExportStatus::id).toList())
            + "); give more of the id");
  }

  @Override
  public void close() {
    store.close();
  }

  /** No export, or more than one, matches the id given. */
  static final class UnknownExport extends RuntimeException {
    UnknownExport(String message) {
      super(message);
    }
  }
}
