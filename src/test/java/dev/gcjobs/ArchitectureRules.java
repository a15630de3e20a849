package dev.gcjobs;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.nameMatching;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The arrows of {@code DESIGN.md} ("Layout") as ArchUnit rules, for the product under any root
 * package: {@code ArchitectureTest} checks {@code dev.gcjobs}, {@code ArchitectureRulesTest} the
 * small broken products in {@code dev.gcjobs.archfixture}, with these same rules.
 *
 * <p>Packages, lowest first: {@code genesys}, {@code store}, {@code sink}, {@code tables}, {@code
 * engine}, {@code sync}; the front doors {@code server} and {@code cli} side by side; {@code app},
 * the wiring; {@code emulator} apart. {@code tables}, {@code sync} and {@code app} may not exist
 * yet: a rule about a package that has no classes holds.
 */
final class ArchitectureRules {
  static final String GENESYS = "genesys";
  static final String STORE = "store";
  static final String SINK = "sink";
  static final String TABLES = "tables";
  static final String ENGINE = "engine";
  static final String SYNC = "sync";
  static final String SERVER = "server";
  static final String CLI = "cli";
  static final String APP = "app";
  static final String EMULATOR = "emulator";

  /**
   * A lower layer's failure, which a front door may catch: {@code *Exception} and its nested types.
   */
  private static final String FAILURE = ".*Exception(\\$.*)?";

  /** Every package of DESIGN.md's table. */
  static final List<String> PACKAGES =
      List.of(GENESYS, STORE, SINK, TABLES, ENGINE, SYNC, SERVER, CLI, APP, EMULATOR);

  private final String root;

  /** The rules for the product whose packages are {@code root.genesys}, {@code root.store}, … */
  ArchitectureRules(String root) {
    this.root = root;
  }

  /** Every rule by its name (the name of its method here), in the order of DESIGN.md. */
  Map<String, ArchRule> all() {
    Map<String, ArchRule> rules = new LinkedHashMap<>();
    rules.put("everyClassIsInAPackageOfTheDesign", everyClassIsInAPackageOfTheDesign());
    rules.put("layersUseOnlyTheLayersBelowThem", layersUseOnlyTheLayersBelowThem());
    rules.put("frontDoorsDoNotReadTheStore", frontDoorsDoNotReadTheStore());
    rules.put("frontDoorsUseTheEngineNotWhatIsBelowIt", frontDoorsUseTheEngineNotWhatIsBelowIt());
    rules.put("frontDoorsAreSideBySide", frontDoorsAreSideBySide());
    rules.put("theEmulatorUsesNoProductPackage", theEmulatorUsesNoProductPackage());
    rules.put("onlyAppAndCliUseTheEmulator", onlyAppAndCliUseTheEmulator());
    rules.put("noCyclesBetweenPackages", noCyclesBetweenPackages());
    return rules;
  }

  /** A new package is a decision: it goes into DESIGN.md and into these rules first. */
  ArchRule everyClassIsInAPackageOfTheDesign() {
    return classes()
        .that()
        .resideInAPackage(root + "..")
        .should()
        .resideInAnyPackage(PACKAGES.stream().map(this::inside).toArray(String[]::new))
        .as("every class of " + root + " is in a package of DESIGN.md: " + PACKAGES);
  }

  /**
   * The "may use" column of DESIGN.md for the layers below the front doors, and {@code app} used by
   * the CLI alone ({@code app} builds the server; the server gets the engine's API).
   */
  ArchRule layersUseOnlyTheLayersBelowThem() {
    return layeredArchitecture()
        .consideringOnlyDependenciesInLayers()
        .withOptionalLayers(true)
        .layer(GENESYS)
        .definedBy(inside(GENESYS))
        .layer(STORE)
        .definedBy(inside(STORE))
        .layer(SINK)
        .definedBy(inside(SINK))
        .layer(TABLES)
        .definedBy(inside(TABLES))
        .layer(ENGINE)
        .definedBy(inside(ENGINE))
        .layer(SYNC)
        .definedBy(inside(SYNC))
        .layer(SERVER)
        .definedBy(inside(SERVER))
        .layer(CLI)
        .definedBy(inside(CLI))
        .layer(APP)
        .definedBy(inside(APP))
        .layer(EMULATOR)
        .definedBy(inside(EMULATOR))
        .whereLayer(GENESYS)
        .mayNotAccessAnyLayer()
        .whereLayer(STORE)
        .mayNotAccessAnyLayer()
        .whereLayer(SINK)
        .mayNotAccessAnyLayer()
        .whereLayer(TABLES)
        .mayOnlyAccessLayers(SINK)
        .whereLayer(ENGINE)
        .mayOnlyAccessLayers(GENESYS, STORE, SINK)
        .whereLayer(SYNC)
        .mayOnlyAccessLayers(ENGINE, TABLES, STORE)
        .whereLayer(APP)
        .mayOnlyBeAccessedByLayers(CLI)
        .as(
            "genesys, store, sink, tables, engine and sync use only what DESIGN.md lets them;"
                + " only cli uses app");
  }

  /**
   * The front doors get the engine's API, never its repositories or rows. The store's failures
   * ({@code *Exception} and what they nest) are the exception: they say which setting to fix, and
   * only the front door knows the flag or field that sets it.
   */
  ArchRule frontDoorsDoNotReadTheStore() {
    return noClasses()
        .that()
        .resideInAnyPackage(inside(CLI), inside(SERVER))
        .should()
        .dependOnClassesThat(resideInAPackage(inside(STORE)).and(nameMatching(FAILURE).negate()))
        .allowEmptyShould(true)
        .as("cli and server do not read the store (its failures excepted)");
  }

  /**
   * The front doors use the engine (and sync), not the client, the sink or tables under it. Their
   * failures ({@code *Exception} and what they nest) are the exception, as the store's are: a front
   * door maps them to its exit codes and HTTP statuses.
   */
  ArchRule frontDoorsUseTheEngineNotWhatIsBelowIt() {
    return noClasses()
        .that()
        .resideInAnyPackage(inside(CLI), inside(SERVER))
        .should()
        .dependOnClassesThat(
            resideInAnyPackage(inside(GENESYS), inside(SINK), inside(TABLES))
                .and(nameMatching(FAILURE).negate()))
        .allowEmptyShould(true)
        .as(
            "cli and server use the engine's API, not genesys, sink or tables (their failures"
                + " excepted)");
  }

  /** {@code gcjobs serve} gets its server from {@code app}, not from the CLI's own hands. */
  ArchRule frontDoorsAreSideBySide() {
    return CompositeArchRule.of(doesNotUse(CLI, SERVER))
        .and(doesNotUse(SERVER, CLI))
        .as("cli and server do not use each other");
  }

  /** The stand-in for Genesys knows nothing of the product it stands in for. */
  ArchRule theEmulatorUsesNoProductPackage() {
    return noClasses()
        .that()
        .resideInAPackage(inside(EMULATOR))
        .should()
        .dependOnClassesThat(
            resideInAPackage(root + "..").and(resideInAPackage(inside(EMULATOR)).negate()))
        .allowEmptyShould(true)
        .as("the emulator uses no package of the product");
  }

  /** Only the wiring ({@code --emulator}) and the CLI ({@code gcjobs emulator}) start one. */
  ArchRule onlyAppAndCliUseTheEmulator() {
    return noClasses()
        .that()
        .resideInAPackage(root + "..")
        .and()
        .resideOutsideOfPackages(inside(EMULATOR), inside(APP), inside(CLI))
        .should()
        .dependOnClassesThat()
        .resideInAPackage(inside(EMULATOR))
        .allowEmptyShould(true)
        .as("only app and cli use the emulator");
  }

  ArchRule noCyclesBetweenPackages() {
    return slices()
        .matching(root + ".(*)..")
        .should()
        .beFreeOfCycles()
        .as("no cycles between the packages of " + root);
  }

  private ArchRule doesNotUse(String user, String used) {
    return noClasses()
        .that()
        .resideInAPackage(inside(user))
        .should()
        .dependOnClassesThat()
        .resideInAPackage(inside(used))
        .allowEmptyShould(true);
  }

  private String inside(String pkg) {
    return root + "." + pkg + "..";
  }
}
