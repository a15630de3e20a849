package dev.gcjobs.tables;

import java.util.List;
import java.util.stream.Collectors;

/**
 * One table of the mapping: where its rows are in a record, its columns and its child tables. The
 * top-level table has one row per record; a child table has one row per element of an array (or
 * entry of an object) inside its parent's element.
 *
 * @param name the table's name
 * @param description one line for the docs
 * @param field the field of the parent's element that holds this table's elements, or null for the
 *     top-level table
 * @param shape how the elements of {@code field} become rows
 * @param columns the columns, key columns first
 * @param children the tables nested in this one's elements
 */
public record Table(
    String name,
    String description,
    String field,
    Shape shape,
    List<Column> columns,
    List<Table> children) {

  /** How the elements under {@link #field} become rows. */
  public enum Shape {
    /** The record itself: one row. */
    RECORD,
    /** An array of objects: one row per object. */
    OBJECTS,
    /** An array of strings: one row per string. */
    STRINGS,
    /** An object of name-value pairs: one row per pair. */
    ENTRIES
  }

  public Table {
    columns = List.copyOf(columns);
    children = List.copyOf(children);
  }

  /** The columns that make a row unique. */
  public List<Column> keyColumns() {
    return columns.stream().filter(Column::key).toList();
  }

  /**
   * The key columns an element must give itself (a field, or the string itself): a row without a
   * value for one of them is left out, with its children's rows.
   */
  public List<Column> ownKeyColumns() {
    return keyColumns().stream()
        .filter(c -> c.source() == Column.Source.FIELD || c.source() == Column.Source.ELEMENT)
        .toList();
  }

  /**
   * Whether two elements of a record may give the same key (no position in it): the earlier one's
   * rows are then left out, as the later element of a record wins. An object's entries cannot
   * repeat a name.
   */
  public boolean keyMayRepeat() {
    return (shape == Shape.OBJECTS || shape == Shape.STRINGS)
        && !ownKeyColumns().isEmpty()
        && keyColumns().stream().noneMatch(c -> c.source() == Column.Source.POSITION);
  }

  /** How a load reports elements at {@code arrayPath} left out for want of {@code key}'s value. */
  String noKeyNote(String arrayPath, Column key) {
    return arrayPath
        + "[] ("
        + (key.source() == Column.Source.FIELD ? "no " + key.path() : "no value")
        + ")";
  }

  /** How a load reports elements at {@code arrayPath} left out as a later one repeats their key. */
  String repeatedKeyNote(String arrayPath) {
    return arrayPath
        + "[] ("
        + (shape == Shape.STRINGS
            ? "repeated"
            : ownKeyColumns().stream().map(Column::path).collect(Collectors.joining(", "))
                + " repeated")
        + ")";
  }

  /** The columns the flattener fills, in order: what a row array holds. */
  public List<Column> flattenedColumns() {
    return columns.stream().filter(c -> c.source().flattened()).toList();
  }

  /** The column named {@code name}. */
  public Column column(String name) {
    return columns.stream()
        .filter(c -> c.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException(this.name + " has no column " + name));
  }
}
