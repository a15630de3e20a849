package dev.gcjobs.cli;

import dev.gcjobs.tables.TablesException;

/** The flag a table failure is about, to start its line: {@code --to: }, {@code --schema: }. */
final class TablesFlags {
  private TablesFlags() {}

  static String of(TablesException e) {
    return switch (e.subject()) {
      case DESTINATION -> "--to: ";
      case SCHEMA -> "--schema: ";
      case INPUT, QUERY, NONE -> "";
    };
  }
}
