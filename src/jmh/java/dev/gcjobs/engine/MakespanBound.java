package dev.gcjobs.engine;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gcjobs.emulator.Emulator;
import dev.gcjobs.emulator.EmulatorConfig;
import dev.gcjobs.genesys.RateBudget;

/**
 * The least time any client could take for one plan of an export, in full-scale seconds: {@code
 * max(longest job + reading its pages, minimal requests / budget rate)}.
 *
 * <ul>
 *   <li>A chunk's job takes what the emulator makes it take: {@code 3 s + 1 ms x} the records the
 *       chunk's query matches (every conversation overlapping the chunk, from the emulator's ground
 *       truth). Its pages are {@code max(1, ceil(matched / pageSize))}, read one after another,
 *       each at the budget's pace ({@code 60 s / 280}).
 *   <li>Minimal requests: per chunk one submit, one status check (the one that finds it FULFILLED)
 *       and its pages, plus one token request.
 * </ul>
 *
 * Both terms ignore HTTP latency and the budget's one-second burst, so they are lower bounds up to
 * about a second.
 *
 * <p>{@link #startUpSeconds()} is a third term of ours, beside the two above: no page and no status
 * check that finds a job FULFILLED can come before the shortest job is done, so they end no sooner
 * than {@code shortest job + (pages + chunks) / budget rate}. {@link #tightSeconds()} is the
 * largest of the three.
 *
 * @param chunks chunks in the plan
 * @param matched records all chunks' jobs match (conversations spanning chunks count in each)
 * @param minimalRequests submits, one status each, pages, one token
 * @param longestJobSeconds the longest chunk job plus reading its pages
 * @param budgetSeconds minimal requests at the budget's rate
 * @param startUpSeconds the shortest job, then every page and one status check per chunk
 */
record MakespanBound(
    int chunks,
    long matched,
    long minimalRequests,
    double longestJobSeconds,
    double budgetSeconds,
    double startUpSeconds) {

  static MakespanBound of(Emulator emulator, ExportPlan plan, int pageSize) {
    double perRequest = 60.0 / RateBudget.DEFAULT_REQUESTS_PER_MINUTE;
    double base = EmulatorConfig.DEFAULT_JOB_BASE_DELAY.toNanos() / 1e9;
    double perRecord = EmulatorConfig.DEFAULT_JOB_PER_RECORD_DELAY.toNanos() / 1e9;
    long matched = 0;
    long requests = 1; // the token
    double longest = 0;
    double shortestJob = Double.MAX_VALUE;
    for (ChunkSpec chunk : plan.chunks()) {
      ObjectNode query = JsonNodeFactory.instance.objectNode();
      query.put("interval", chunk.interval().toWireString());
      int n = emulator.groundTruthConversationIds(query).size();
      long pages = Math.max(1, (n + pageSize - 1) / pageSize);
      matched += n;
      requests += 2 + pages;
      longest = Math.max(longest, base + perRecord * n + pages * perRequest);
      shortestJob = Math.min(shortestJob, base + perRecord * n);
    }
    int chunks = plan.chunks().size();
    long afterFirstJob = requests - 1 - chunks; // all but the token and the submits
    return new MakespanBound(
        chunks,
        matched,
        requests,
        longest,
        requests * perRequest,
        shortestJob + afterFirstJob * perRequest);
  }

  /** The bound: the larger of the two terms (not counting {@link #startUpSeconds()}). */
  double seconds() {
    return Math.max(longestJobSeconds, budgetSeconds);
  }

  /** The largest of all three terms: still a lower bound, and a closer one. */
  double tightSeconds() {
    return Math.max(seconds(), startUpSeconds);
  }
}
