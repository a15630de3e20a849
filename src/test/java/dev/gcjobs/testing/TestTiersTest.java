package dev.gcjobs.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.lang.syntax.ArchRuleDefinition;
import java.lang.annotation.Annotation;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestTemplate;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.HierarchyTraversalMode;

/**
 * Every test class is in a tier, so that {@code mvn test} and {@code mvn verify} (which select by
 * tag, see the pom) run it: a class without a tier tag would be left out without a word.
 *
 * <p>The tiers: {@code unit} (the JVM only), {@code emulator} (an emulator over HTTP), {@code
 * process} (a child process), {@code postgres} (PostgreSQL at 127.0.0.1:5432). A class carries the
 * tag of everything it needs; {@code unit} therefore stands alone. JUnit Jupiter reads {@code
 * org.junit.jupiter.api.Tag} and jqwik reads {@code net.jqwik.api.Tag}: a class with both kinds of
 * test carries both.
 */
@Tag("unit")
class TestTiersTest {
  static final Set<String> TIERS = Set.of("unit", "emulator", "process", "postgres");

  private static final List<Class<? extends Annotation>> JUPITER_TESTS =
      List.of(Test.class, TestTemplate.class, TestFactory.class);
  private static final List<Class<? extends Annotation>> JQWIK_TESTS = List.of(Property.class);

  @Test
  void everyTestClassCarriesTheTagsOfItsTiers() {
    JavaClasses tests = ProjectClasses.of("dev.gcjobs", ImportOption.Predefined.ONLY_INCLUDE_TESTS);

    testClassesCarryTheirTierTags().check(tests);
  }

  @Test
  void findsTheTestClassesOfEveryKind() {
    assertThat(runsTests(TestTiersTest.class)).isTrue();
    assertThat(runsTests(Fixtures.JqwikExample.class)).isTrue();
    assertThat(runsTests(Fixtures.Parameterized.class)).as("meta-annotated @Test").isTrue();
    assertThat(runsTests(Fixtures.Inherited.class)).as("inherited @Test").isTrue();
    assertThat(runsTests(Fixtures.class)).as("no test methods").isFalse();
    assertThat(runsTests(Fixtures.Abstract.class)).as("abstract").isFalse();
  }

  /** The test of the test: each fixture below is one way to be left out. */
  @Test
  void reportsEachWayATestClassCanBeLeftOut() {
    assertThat(tagProblems(Fixtures.Untagged.class)).singleElement().asString().contains("no tier");
    assertThat(tagProblems(Fixtures.MisspelledTier.class))
        .singleElement()
        .asString()
        .contains("[emulators]");
    assertThat(tagProblems(Fixtures.PropertyWithJupiterTagOnly.class))
        .singleElement()
        .asString()
        .contains("jqwik")
        .contains("net.jqwik.api.Tag");
    assertThat(tagProblems(Fixtures.UnitAndProcess.class))
        .singleElement()
        .asString()
        .contains("drop unit");
    assertThat(problems(Fixtures.Untagged.class))
        .singleElement()
        .asString()
        .contains("not a @Nested inner class");
  }

  @Test
  void acceptsTaggedClassesOfEveryKind() {
    assertThat(problems(TestTiersTest.class)).isEmpty();
    assertThat(tagProblems(Fixtures.JqwikExample.class)).isEmpty();
    assertThat(tagProblems(Fixtures.Parameterized.class)).isEmpty();
    assertThat(tagProblems(Fixtures.Inherited.class)).as("@Tag is @Inherited").isEmpty();
    assertThat(tagProblems(Fixtures.EmulatorAndPostgres.class)).isEmpty();
  }

  /** Test classes (outside the fixtures here) carry the tags of their tiers. */
  static ArchRule testClassesCarryTheirTierTags() {
    return ArchRuleDefinition.classes()
        .that(
            DescribedPredicate.describe(
                "run tests",
                (JavaClass c) ->
                    !c.getName().startsWith(Fixtures.class.getName()) && runsTests(c.reflect())))
        .should(
            new ArchCondition<JavaClass>("carry the JUnit tags of their tiers " + TIERS) {
              @Override
              public void check(JavaClass item, ConditionEvents events) {
                for (String problem : problems(item.reflect())) {
                  events.add(SimpleConditionEvent.violated(item, problem));
                }
              }
            });
  }

  /** Whether JUnit runs tests of this class (declared or inherited test methods). */
  static boolean runsTests(Class<?> c) {
    if (Modifier.isAbstract(c.getModifiers()) || c.isInterface() || c.isAnnotation()) {
      return false;
    }
    return hasAny(c, JUPITER_TESTS) || hasAny(c, JQWIK_TESTS);
  }

  /** What keeps {@code c} (a class that runs tests) out of the build; empty when nothing does. */
  static List<String> problems(Class<?> c) {
    if (c.getEnclosingClass() == null) {
      return tagProblems(c);
    }
    if (AnnotationSupport.isAnnotated(c, Nested.class) && !Modifier.isStatic(c.getModifiers())) {
      return List.of(); // runs with its enclosing class, with its tags
    }
    return List.of(
        c.getName()
            + " is a nested class with tests but not a @Nested inner class: no build runs it");
  }

  /** What keeps {@code c}, run as a class of its own, out of the tiers. */
  static List<String> tagProblems(Class<?> c) {
    String name = c.getName();
    List<String> problems = new ArrayList<>();
    Set<String> jupiter = tags(c, Tag.class, Tag::value);
    Set<String> jqwik = tags(c, net.jqwik.api.Tag.class, net.jqwik.api.Tag::value);
    if (hasAny(c, JUPITER_TESTS)) {
      problems.addAll(tierProblems(name, "JUnit Jupiter", "org.junit.jupiter.api.Tag", jupiter));
    }
    if (hasAny(c, JQWIK_TESTS)) {
      problems.addAll(tierProblems(name, "jqwik", "net.jqwik.api.Tag", jqwik));
      if (hasAny(c, JUPITER_TESTS) && !jupiter.equals(jqwik)) {
        problems.add(name + " has other Jupiter tags " + jupiter + " than jqwik tags " + jqwik);
      }
    }
    return problems;
  }

  private static List<String> tierProblems(
      String name, String engine, String annotation, Set<String> tags) {
    if (tags.isEmpty()) {
      return List.of(
          name
              + " has "
              + engine
              + " tests but no tier tag, so no build runs them: add @"
              + annotation
              + " with one of "
              + new TreeSet<>(TIERS)
              + " for each thing it needs");
    }
    if (!TIERS.containsAll(tags)) {
      return List.of(
          name + " has " + engine + " tags " + tags + " that are not all tiers " + TIERS);
    }
    if (tags.contains("unit") && tags.size() > 1) {
      return List.of(
          name + " is tagged " + tags + ", but unit means it needs the JVM only: drop unit");
    }
    return List.of();
  }

  private static boolean hasAny(Class<?> c, List<Class<? extends Annotation>> testAnnotations) {
    return testAnnotations.stream()
        .anyMatch(
            a ->
                !AnnotationSupport.findAnnotatedMethods(c, a, HierarchyTraversalMode.TOP_DOWN)
                    .isEmpty());
  }

  private static <A extends Annotation> Set<String> tags(
      Class<?> c, Class<A> tag, java.util.function.Function<A, String> value) {
    return AnnotationSupport.findRepeatableAnnotations(c, tag).stream()
        .map(value)
        .collect(Collectors.toCollection(TreeSet::new));
  }

  /** Classes that are left out, for the test of the test; never run (nested and static). */
  static final class Fixtures {
    static class Untagged {
      @Test
      void test() {}
    }

    @Tag("emulators")
    static class MisspelledTier {
      @Test
      void test() {}
    }

    @Tag("unit")
    static class PropertyWithJupiterTagOnly {
      @net.jqwik.api.Property
      boolean property(@ForAll int i) {
        return true;
      }
    }

    @Tag("unit")
    @Tag("process")
    static class UnitAndProcess {
      @Test
      void test() {}
    }

    @net.jqwik.api.Tag("unit")
    static class JqwikExample {
      @net.jqwik.api.Example
      void example() {}
    }

    @Tag("emulator")
    static class Parameterized {
      @org.junit.jupiter.params.ParameterizedTest
      @org.junit.jupiter.params.provider.ValueSource(ints = 1)
      void test(int i) {}
    }

    @Tag("unit")
    abstract static class Abstract {
      @Test
      void test() {}
    }

    static class Inherited extends Abstract {}

    @Tag("emulator")
    @Tag("postgres")
    static class EmulatorAndPostgres {
      @Test
      void test() {}
    }
  }
}
