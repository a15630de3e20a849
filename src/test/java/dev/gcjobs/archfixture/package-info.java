/**
 * Small products, one per subpackage, that break one rule of {@code dev.gcjobs.ArchitectureRules}
 * each (or, in {@code clean}, none): {@code ArchitectureRulesTest} runs the rules on them to show
 * that an upward import, a cycle or a leaking emulator fails the build. Not tests themselves.
 */
package dev.gcjobs.archfixture;
