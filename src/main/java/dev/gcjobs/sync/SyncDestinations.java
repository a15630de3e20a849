package dev.gcjobs.sync;

import dev.gcjobs.tables.TableTarget;
import dev.gcjobs.tables.TablesException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The table destinations a service's syncs may write, each under a name its operators chose: API
 * callers pick one by name, never by path or URL. A sync's definition stores the destination as the
 * CLI would ({@link Destination#stored()}), so a sync defined through the service and one run by
 * {@code gcjobs sync} into the same tables are the same sync. Immutable and thread-safe.
 */
public final class SyncDestinations {
  /** What a destination name may be: short, and safe in URLs, logs and metric tags. */
  public static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");

  /**
   * One destination.
   *
   * @param name what API callers call it, e.g. {@code warehouse}
   * @param stored how sync definitions name it: the file, or the URL without password and its
   *     schema
   * @param target where its tables are
   */
  public record Destination(String name, String stored, TableTarget target) {}

  private final Map<String, Destination> byName = new TreeMap<>();
  private final Map<String, Destination> byStored = new HashMap<>();

  /**
   * @throws IllegalArgumentException for a name that is not {@link #NAME}, a name given twice, or
   *     two names for the same tables
   */
  public SyncDestinations(List<Destination> destinations) {
    for (Destination d : destinations) {
      if (!NAME.matcher(d.name()).matches()) {
        throw new IllegalArgumentException(
            "'" + d.name() + "' is not a destination name: use 1 to 64 letters, digits, _ or -");
      }
      if (byName.put(d.name(), d) != null) {
        throw new IllegalArgumentException(d.name() + " is given twice");
      }
      Destination same = byStored.put(d.stored(), d);
      if (same != null) {
        throw new IllegalArgumentException(
            same.name() + " and " + d.name() + " name the same tables; keep one of them");
      }
    }
  }

  /** The configured names, sorted. */
  public List<String> names() {
    return List.copyOf(byName.keySet());
  }

  /** The configured names as a caller is told them when the one given is not one. */
  public String available() {
    if (byName.isEmpty()) {
      return "this service has none; its operators name them when they start it.";
    }
    return "this service has " + String.join(", ", byName.keySet()) + ".";
  }

  /** How sync definitions name the destination called {@code name}, if one is. */
  public Optional<String> stored(String name) {
    return Optional.ofNullable(byName.get(name)).map(Destination::stored);
  }

  /** Where the tables of the destination called {@code name} are, if one is. */
  public Optional<TableTarget> named(String name) {
    return Optional.ofNullable(byName.get(name)).map(Destination::target);
  }

  /** The name of the destination that definitions call {@code stored}, if it is configured. */
  public Optional<String> nameOf(String stored) {
    return Optional.ofNullable(byStored.get(stored)).map(Destination::name);
  }

  /**
   * Where the tables of {@code definition} are.
   *
   * @throws TablesException (subject {@code DESTINATION}) when its destination is not configured
   */
  public TableTarget target(SyncDefinition definition) {
    Destination d = byStored.get(definition.destination());
    if (d == null) {
      throw new TablesException(
          TablesException.Subject.DESTINATION,
          "sync " + definition.id() + " writes to a destination this service is not given");
    }
    return d.target();
  }
}
