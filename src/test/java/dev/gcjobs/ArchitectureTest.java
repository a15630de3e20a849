package dev.gcjobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.gcjobs.testing.ProjectClasses;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The product keeps the arrows of DESIGN.md ({@link ArchitectureRules}), every rule of them. A rule
 * the code cannot keep yet is {@code @Disabled} with what it waits for (none today); {@link
 * ArchitectureRulesTest} shows that each rule fails on a product that breaks it.
 */
@Tag("unit")
class ArchitectureTest {
  private static final String ROOT = "dev.gcjobs";
  private static final JavaClasses PRODUCT =
      ProjectClasses.of(ROOT, ImportOption.Predefined.DO_NOT_INCLUDE_TESTS);
  private static final ArchitectureRules RULES = new ArchitectureRules(ROOT);

  @Test
  void theRulesSeeEveryPackageTheProductHasToday() {
    for (String pkg :
        List.of("genesys", "store", "sink", "engine", "server", "cli", "app", "emulator")) {
      assertThat(PRODUCT.containPackage(ROOT + "." + pkg)).as(pkg).isTrue();
    }
  }

  @Test
  void everyClassIsInAPackageOfTheDesign() {
    RULES.everyClassIsInAPackageOfTheDesign().check(PRODUCT);
  }

  @Test
  void layersUseOnlyTheLayersBelowThem() {
    RULES.layersUseOnlyTheLayersBelowThem().check(PRODUCT);
  }

  @Test
  void frontDoorsDoNotReadTheStore() {
    RULES.frontDoorsDoNotReadTheStore().check(PRODUCT);
  }

  @Test
  void frontDoorsUseTheEngineNotWhatIsBelowIt() {
    RULES.frontDoorsUseTheEngineNotWhatIsBelowIt().check(PRODUCT);
  }

  @Test
  void frontDoorsAreSideBySide() {
    RULES.frontDoorsAreSideBySide().check(PRODUCT);
  }

  @Test
  void theEmulatorUsesNoProductPackage() {
    RULES.theEmulatorUsesNoProductPackage().check(PRODUCT);
  }

  @Test
  void onlyAppAndCliUseTheEmulator() {
    RULES.onlyAppAndCliUseTheEmulator().check(PRODUCT);
  }

  @Test
  void noCyclesBetweenPackages() {
    RULES.noCyclesBetweenPackages().check(PRODUCT);
  }

  /** One job a file: the engine's files stay small enough to read in one sitting. */
  @Test
  void noFileInTheEngineIsLongerThan400Lines() throws IOException {
    Path engine = Path.of("src/main/java/dev/gcjobs/engine");
    try (var files = Files.list(engine)) {
      for (Path file : files.toList()) {
        assertThat(Files.readAllLines(file)).as(file.toString()).hasSizeLessThan(401);
      }
    }
  }
}
