package dev.gcjobs.app;

import dev.gcjobs.engine.Engine;
import dev.gcjobs.store.Database;
import dev.gcjobs.sync.ProcessName;
import dev.gcjobs.sync.SyncDefinition;
import dev.gcjobs.sync.Syncs;
import dev.gcjobs.tables.RecordKind;
import dev.gcjobs.tables.TableDestination;
import dev.gcjobs.tables.TableMapping;
import dev.gcjobs.tables.TableTarget;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.function.Function;
import java.util.function.LongSupplier;

/** Builds the syncs over a store and an engine, for the CLI and the service. */
final class SyncSetup {
  private SyncSetup() {}

  /** The syncs of {@code db}, their exports run by {@code engine}. */
  static Syncs syncs(
      Database db,
      Path stateDir,
      Engine engine,
      Function<SyncDefinition, TableTarget> targets,
      LongSupplier requests) {
    return new Syncs(
        db.syncs(),
        engine.exports(),
        targets,
        stateDir.resolve("syncs"),
        Clock.systemUTC(),
        requests,
        ProcessName.current());
  }

  /**
   * Reads {@code to} and checks that its tables can be created and written, before anything is
   * asked of Genesys.
   *
   * @throws dev.gcjobs.tables.TablesException (subject {@code DESTINATION}) naming what is wrong
   */
  static TableTarget checkedTarget(String to, String schema, Map<String, String> env, String kind) {
    TableTarget target = TableTarget.parse(to, schema, env);
    try (TableDestination destination = target.destination(Clock.systemUTC())) {
      destination.open(TableMapping.of(RecordKind.valueOf(kind)));
    }
    return target;
  }

  /** A destination's name in a sync's definition: where it is and its schema, never a password. */
  static String name(TableTarget target) {
    return target.isDuckDb() ? target.toString() : target + " schema " + target.schema();
  }
}
