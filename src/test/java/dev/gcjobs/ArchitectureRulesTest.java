package dev.gcjobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.gcjobs.testing.ProjectClasses;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The test of {@link ArchitectureTest}: the same {@link ArchitectureRules}, run on the small
 * products in {@code dev.gcjobs.archfixture}, fail exactly where those products break DESIGN.md.
 */
@Tag("unit")
class ArchitectureRulesTest {
  private static final String FIXTURES = "dev.gcjobs.archfixture.";

  @Test
  void anUpwardImportFailsTheBuildNamingBothClasses() {
    ArchitectureRules rules = new ArchitectureRules(FIXTURES + "upward");

    assertThatThrownBy(() -> rules.layersUseOnlyTheLayersBelowThem().check(fixture("upward")))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining(FIXTURES + "upward.store.Row")
        .hasMessageContaining(FIXTURES + "upward.engine.Plan");
  }

  @Test
  void theCliReadingStoreRowsFailsTheBuildNamingTheCommand() {
    ArchitectureRules rules = new ArchitectureRules(FIXTURES + "frontdoors");

    assertThatThrownBy(() -> rules.frontDoorsDoNotReadTheStore().check(fixture("frontdoors")))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining(FIXTURES + "frontdoors.cli.ShowCommand")
        .hasMessageContaining(FIXTURES + "frontdoors.store.Row");
  }

  @Test
  void theCliCallingGenesysFailsTheBuildButCatchingItsFailuresDoesNot() {
    ArchitectureRules rules = new ArchitectureRules(FIXTURES + "frontdoors");

    assertThatThrownBy(
            () -> rules.frontDoorsUseTheEngineNotWhatIsBelowIt().check(fixture("frontdoors")))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining(FIXTURES + "frontdoors.genesys.Wire>")
        .hasMessageNotContaining(FIXTURES + "frontdoors.genesys.WireException");
  }

  @ParameterizedTest(name = "{0} breaks [{1}]")
  @CsvSource({
    "clean,        ''",
    "upward,       layersUseOnlyTheLayersBelowThem",
    "frontdoors,   layersUseOnlyTheLayersBelowThem frontDoorsDoNotReadTheStore"
        + " frontDoorsUseTheEngineNotWhatIsBelowIt frontDoorsAreSideBySide",
    "emulatorleak, theEmulatorUsesNoProductPackage onlyAppAndCliUseTheEmulator",
    "cycle,        layersUseOnlyTheLayersBelowThem noCyclesBetweenPackages",
    "stray,        everyClassIsInAPackageOfTheDesign",
  })
  void eachFixtureBreaksExactlyTheRulesItWasWrittenToBreak(String name, String expected) {
    JavaClasses product = fixture(name);
    Set<String> failing = new TreeSet<>();
    new ArchitectureRules(FIXTURES + name)
        .all()
        .forEach(
            (rule, check) -> {
              if (check.evaluate(product).hasViolation()) {
                failing.add(rule);
              }
            });

    assertThat(failing)
        .isEqualTo(
            Arrays.stream(expected.split(" +"))
                .filter(rule -> !rule.isEmpty())
                .collect(Collectors.toCollection(TreeSet::new)));
  }

  private static JavaClasses fixture(String name) {
    JavaClasses classes =
        ProjectClasses.of(FIXTURES + name, ImportOption.Predefined.ONLY_INCLUDE_TESTS);
    assertThat(classes).as("the classes of fixture " + name).isNotEmpty();
    return classes;
  }
}
