package dev.gcjobs.emulator;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The fixed cast of the synthetic org, derived from the seed: divisions, queues, agents (users),
 * wrap-up codes and organization presence ids. Ids are stable for a seed.
 */
final class SyntheticOrg {
  static final int DIVISION_COUNT = 3;
  static final int QUEUE_COUNT = 10;

  /** Genesys' own code for a wrap-up that timed out; it appears in real exports. */
  static final String WRAP_UP_TIMEOUT = "ININ-WRAP-UP-TIMEOUT";

  /** The presence values the SDK 198 model knows, in a fixed order. */
  static final List<String> SYSTEM_PRESENCES =
      List.of(
          "AVAILABLE",
          "AWAY",
          "BUSY",
          "OFFLINE",
          "IDLE",
          "ON_QUEUE",
          "MEAL",
          "TRAINING",
          "MEETING",
          "BREAK");

  private static final String[] DIVISION_NAMES = {"Home", "Customer Care", "Sales"};
  private static final String[] QUEUE_NAMES = {
    "General Support", "Billing", "Sales", "Technical Support", "Returns",
    "Retention", "VIP Care", "Claims", "Onboarding", "Collections"
  };
  private static final String[] FIRST_NAMES = {
    "Ada", "Ben", "Chloe", "Dev", "Elena", "Farid", "Grace", "Hugo", "Ines", "Jonas", "Keiko",
    "Liam", "Maya", "Noah", "Olga", "Priya", "Quinn", "Rosa", "Sami", "Tara"
  };
  private static final String[] LAST_NAMES = {
    "Adams",
    "Berg",
    "Costa",
    "Dubois",
    "Evans",
    "Fischer",
    "Garcia",
    "Hansen",
    "Ito",
    "Jensen",
    "Kowalski",
    "Lopez",
    "Moreau",
    "Nakamura",
    "Okafor",
    "Petrov",
    "Rossi",
    "Silva",
    "Tanaka"
  };
  private static final String[] WRAP_UP_NAMES = {
    "Resolved", "Follow-up needed", "Escalated", "Sale", "No sale", "Wrong number", "Information"
  };

  record Division(String id, String name) {}

  record Queue(String id, String name, String divisionId, String dnis) {}

  record Agent(String userId, String name, String email) {}

  private final List<Division> divisions = new ArrayList<>();
  private final List<Queue> queues = new ArrayList<>();
  private final List<Agent> agents = new ArrayList<>();
  private final List<String> wrapUpCodes = new ArrayList<>();
  private final List<String> presenceIds = new ArrayList<>();

  SyntheticOrg(long seed, int users) {
    for (int i = 0; i < DIVISION_COUNT; i++) {
      divisions.add(new Division(SeededHash.uuid(seed, 1, i), DIVISION_NAMES[i]));
    }
    for (int i = 0; i < QUEUE_COUNT; i++) {
      String dnis = "tel:+1800555" + (1000 + i * 37);
      queues.add(
          new Queue(
              SeededHash.uuid(seed, 2, i),
              QUEUE_NAMES[i],
              divisions.get(i % DIVISION_COUNT).id(),
              dnis));
    }
    SplittableRandom names = SeededHash.random(seed, 3);
    for (int i = 0; i < users; i++) {
      String first = FIRST_NAMES[names.nextInt(FIRST_NAMES.length)];
      String last = LAST_NAMES[names.nextInt(LAST_NAMES.length)];
      agents.add(
          new Agent(
              SeededHash.uuid(seed, 4, i),
              first + " " + last,
              (first + "." + last + i).toLowerCase() + "@example.com"));
    }
    for (int i = 0; i < WRAP_UP_NAMES.length; i++) {
      wrapUpCodes.add(SeededHash.uuid(seed, 5, i));
    }
    for (int i = 0; i < SYSTEM_PRESENCES.size(); i++) {
      presenceIds.add(SeededHash.uuid(seed, 6, i));
    }
  }

  List<Division> divisions() {
    return divisions;
  }

  List<Queue> queues() {
    return queues;
  }

  List<Agent> agents() {
    return agents;
  }

  List<String> wrapUpCodes() {
    return wrapUpCodes;
  }

  /** The organization presence id defined for a system presence. */
  String presenceId(String systemPresence) {
    return presenceIds.get(SYSTEM_PRESENCES.indexOf(systemPresence));
  }
}
