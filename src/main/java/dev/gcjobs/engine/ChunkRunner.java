package dev.gcjobs.engine;

import dev.gcjobs.genesys.AnalyticsJobsApi;
import dev.gcjobs.genesys.GenesysAuthException;
import dev.gcjobs.genesys.GenesysException;
import dev.gcjobs.genesys.JobNotFoundException;
import dev.gcjobs.genesys.JobStatus;
import dev.gcjobs.genesys.PageInfo;
import dev.gcjobs.genesys.ResultsNotReadyException;
import dev.gcjobs.sink.PartCheckpoint;
import dev.gcjobs.sink.PartWriter;
import dev.gcjobs.sink.SinkException;
import dev.gcjobs.store.ChunkLifecycle.Event;
import dev.gcjobs.store.ChunkRepository;
import dev.gcjobs.store.ChunkRow;
import dev.gcjobs.store.ChunkSteps;
import dev.gcjobs.store.ExportRow;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one step of a chunk's job lifecycle and stores its outcome before returning: submit the job,
 * check its status, or read one results page into the part file. Each step is one Genesys call and
 * one store write, so a killed process loses at most the step it was in. It says when the next step
 * is due; the scheduler keeps that time.
 */
final class ChunkRunner {
  /**
   * What follows a step.
   *
   * @param at when the chunk's next step is due; null when it has none
   * @param chunkDone whether this step finished the chunk (DONE)
   */
  record Next(Instant at, boolean chunkDone) {
    /** No step follows: the chunk or its export ended. */
    static final Next NONE = new Next(null, false);

    /** The chunk is done. */
    static final Next DONE = new Next(null, true);

    static Next at(Instant at) {
      return new Next(at, false);
    }
  }

  private static final Logger log = LoggerFactory.getLogger(ChunkRunner.class);

  /** How soon a chunk held back by the export's concurrency looks again for a free slot. */
  static final Duration CONCURRENCY_RECHECK = Duration.ofSeconds(1);

  /**
   * Status checks of one job before the export fails: at the 30 s cap this is over 8 hours, far
   * beyond any job users report, so only a job stuck in a loop (results refused while its status
   * says FULFILLED) gets here.
   */
  static final int MAX_POLLS_PER_JOB = 1000;

  /**
   * Refusals of a FULFILLED job's results before the export fails: a refusal right after FULFILLED
   * can be a replica catching up, a few in a row with backoff cover that; more are a job whose
   * results will not come.
   */
  static final int MAX_RESULTS_REFUSALS = 5;

  private final ChunkRepository chunks;
  private final AnalyticsJobsApi api;
  private final EngineSettings settings;
  private final Clock clock;
  private final RandomGenerator random;
  private final ExportFailures failures;
  private final JobDurationHints hints;
  private final Siblings siblings;

  ChunkRunner(
      ChunkRepository chunks,
      ChunkSteps steps,
      AnalyticsJobsApi api,
      EngineSettings settings,
      Clock clock,
      RandomGenerator random,
      ExportFailures failures,
      JobDurationHints hints) {
    this.chunks = chunks;
    this.api = api;
    this.settings = settings;
    this.clock = clock;
    this.random = random;
    this.failures = failures;
    this.hints = hints;
    this.siblings = new Siblings(chunks, steps, hints);
  }

  /** Runs the step {@code chunk} is due for. */
  Next step(ExportRow export, ExportRequest request, ChunkRow chunk) {
    Instant now = clock.instant();
    Deadline deadline = deadlineOf(export);
    if (deadline.passed(now)) {
      return failures.deadline(export, chunk);
    }
    try {
      return switch (chunk.state()) {
        case PLANNED -> reserveAndSubmit(export, request, chunk, deadline);
        case SUBMITTED, POLLING ->
            chunk.job().id() == null
                ? submit(export, request, chunk, deadline)
                : poll(export, request, chunk, deadline);
        case FETCHING -> fetch(export, request, chunk);
        default -> Next.NONE;
      };
    } catch (GenesysAuthException e) {
      failures.fail(export, chunk, "authentication", e.getMessage(), e.genesysMessage(), e);
    } catch (GenesysException e) {
      if (!e.isTransient()) {
        failures.fail(export, chunk, "genesys_error", e.getMessage(), e.genesysMessage(), e);
        return Next.NONE;
      }
      // The client already retried within its call deadline; try the whole step again later.
      Optional<Instant> next = deadline.nextCheck(now, settings.pollSchedule().maxDelay());
      log.warn(
          "export {} chunk {}: {}; trying again at {}",
          export.id(),
          chunk.seq(),
          e.getMessage(),
          next.orElse(null));
      if (next.isEmpty()) {
        return failures.deadline(export, chunk);
      }
      chunks.save(chunk.withErrorMessage(e.getMessage()), now);
      return Next.at(next.get());
    } catch (SinkException e) {
      failures.fail(export, chunk, "output_error", e.getMessage(), null, null);
    } catch (UnownableRecordException e) {
      failures.fail(export, chunk, "unreadable_record", e.getMessage(), null, null);
    }
    return Next.NONE;
  }

  /**
   * Takes one of the export's job slots (a SUBMITTED chunk without a job id counts as running) and
   * submits. Serialized in this process so that workers do not all see the same free slot; engines
   * in other processes may still overshoot by a job or two.
   */
  private Next reserveAndSubmit(
      ExportRow export, ExportRequest request, ChunkRow chunk, Deadline deadline) {
    Instant now = clock.instant();
    ChunkRow reserved;
    synchronized (this) {
      if (siblings.jobsRunning(export.id()) >= request.concurrency()) {
        return Next.at(now.plus(CONCURRENCY_RECHECK));
      }
      reserved = chunks.save(chunk.after(Event.SLOT_TAKEN), now);
    }
    return submit(export, request, reserved, deadline);
  }

  private Next submit(ExportRow export, ExportRequest request, ChunkRow chunk, Deadline deadline) {
    ChunkSpec spec = specOf(chunk);
    String jobId = api.submit(request.kind().jobKind(), request.jobBody(spec.interval()));
    // Read after the call, which may have waited on the rate budget: the job runs from here, and
    // its siblings' times, measured alike, then fit it.
    Instant now = clock.instant();
    log.info(
        "export {} chunk {} ({}): submitted job {}",
        export.id(),
        chunk.seq(),
        spec.interval().toWireString(),
        jobId);
    // A sibling's job seen done tells when this one should be: one check then, not the schedule's
    // guesses (fewer status checks and a shorter export: docs/benchmarks.md, "Export makespan").
    Duration firstWait =
        hints
            .estimate(export.id(), JobDurationHints.lengthOf(chunk))
            .orElseGet(() -> settings.pollSchedule().delayBefore(1, random));
    Optional<Instant> next = deadline.nextCheck(now, firstWait);
    ChunkRow submitted = chunk.after(Event.SUBMITTED).withJob(chunk.job().submitted(jobId, now));
    if (next.isEmpty()) {
      return failures.deadline(export, submitted);
    }
    chunks.save(submitted, now);
    return Next.at(next.get());
  }

  private Next poll(ExportRow export, ExportRequest request, ChunkRow chunk, Deadline deadline) {
    JobOutcome outcome;
    JobStatus status = null;
    try {
      status = api.status(request.kind().jobKind(), chunk.job().id());
      outcome = JobOutcome.ofStatus(status.rawState(), status.errorMessage());
    } catch (JobNotFoundException e) {
      outcome = JobOutcome.ofMissingJob();
    }
    // After the call, as in submit: a check that waited on the budget saw the job that much later.
    Instant now = clock.instant();
    ChunkRow.Job polled = chunk.job().polled();
    int attempts = polled.pollAttempts();
    switch (outcome.decision()) {
      case SUCCESS -> {
        log.info(
            "export {} chunk {}: job {} fulfilled", export.id(), chunk.seq(), chunk.job().id());
        hints.recordFulfilled(chunk, now);
        chunks.save(chunk.after(Event.FULFILLED).withJob(polled), now);
        siblings.jobFulfilled(chunk, now);
        return Next.at(now);
      }
      case RETRY -> {
        if (attempts >= MAX_POLLS_PER_JOB) {
          failures.fail(
              export,
              chunk,
              "job_stuck",
              "job " + chunk.job().id() + " was checked " + attempts + " times without results",
              null,
              null);
          return Next.NONE;
        }
        Optional<Instant> next =
            settings
                .pollSchedule()
                .nextCheck(attempts + 1, now, deadlineOf(export), random)
                .map(scheduled -> hints.nextCheck(chunk, scheduled, now));
        if (next.isEmpty()) {
          return failures.deadline(export, chunk);
        }
        chunks.save(chunk.after(Event.POLLED).withJob(polled), now);
        return Next.at(next.get());
      }
      case RESUBMIT -> {
        return resubmit(
            export, chunk, status == null ? Event.LOST : Event.EXPIRED, outcome.message());
      }
      case FAILURE -> {
        boolean cancelled = status != null && "CANCELLED".equals(status.rawState());
        failures.fail(
            export,
            chunk,
            cancelled ? "job_cancelled" : "job_failed",
            outcome.message(),
            status == null ? null : status.errorMessage(),
            null);
        return Next.NONE;
      }
    }
    throw new IllegalStateException("unknown decision " + outcome.decision());
  }

  /**
   * The job's results are gone (expired, or the job vanished): the chunk starts again with a new
   * job and an empty part file. A new job may see data the old one did not, so reading it whole is
   * the only way to keep every record exactly once; the cost is at most one chunk of pages.
   */
  private Next resubmit(ExportRow export, ChunkRow chunk, Event event, String why) {
    Instant now = clock.instant();
    if (chunk.job().resubmits() >= settings.maxResubmits()) {
      failures.fail(
          export,
          chunk,
          "job_lost",
          "the job of chunk "
              + chunk.seq()
              + " expired or vanished "
              + (chunk.job().resubmits() + 1)
              + " times ("
              + why
              + "); results may expire faster than they are read: try smaller chunks",
          null,
          null);
      return Next.NONE;
    }
    log.warn("export {} chunk {}: {}; submitting the job again", export.id(), chunk.seq(), why);
    ChunkRow fresh =
        chunk.after(event).withJob(chunk.job().lost()).withCheckpoint(ChunkRow.Checkpoint.START);
    chunks.save(fresh, now);
    return Next.at(now);
  }

  private Next fetch(ExportRow export, ExportRequest request, ChunkRow chunk) {
    Instant now = clock.instant();
    ChunkSpec spec = specOf(chunk);
    Ownership ownership = Ownership.forKind(request.kind());
    Instant exportStart = request.interval().start();
    List<byte[]> owned = new ArrayList<>();
    PageInfo page;
    try {
      page =
          api.resultsPage(
              request.kind().jobKind(),
              chunk.job().id(),
              chunk.checkpoint().cursor(),
              request.pageSize(),
              record -> {
                if (ownership.owns(spec, exportStart, record)) {
                  owned.add(record);
                }
              });
    } catch (ResultsNotReadyException e) {
      return resultsRefused(export, chunk, e);
    }
    PartCheckpoint checkpoint;
    try (PartWriter part =
        PartWriter.open(
            OutputCompletion.partOf(settings.stateDir(), export.id(), request, chunk.seq()),
            new PartCheckpoint(chunk.checkpoint().partBytes(), chunk.checkpoint().records()),
            request.output().gzip())) {
      part.writePage(owned);
      checkpoint = part.checkpoint();
    }
    ChunkRow read =
        chunk.withCheckpoint(
            chunk
                .checkpoint()
                .nextPage(
                    page.cursor(),
                    checkpoint.records(),
                    checkpoint.bytes(),
                    page.dataAvailabilityDate()));
    if (page.isLast()) {
      chunks.save(read.after(Event.LAST_PAGE_READ), now);
      log.info(
          "export {} chunk {}: done, {} records in {} pages",
          export.id(),
          chunk.seq(),
          read.checkpoint().records(),
          read.checkpoint().pages());
      return Next.DONE;
    }
    chunks.save(read.after(Event.PAGE_READ), now);
    return Next.at(now);
  }

  /**
   * The results were refused after the job was FULFILLED: its status, checked again after a pause,
   * says whether it expired. A job whose results keep being refused while it says FULFILLED would
   * cycle forever, so it fails after {@link #MAX_RESULTS_REFUSALS}, with Genesys' own message.
   */
  private Next resultsRefused(ExportRow export, ChunkRow chunk, ResultsNotReadyException e) {
    Instant now = clock.instant();
    ChunkRow.Job job = chunk.job().refused();
    if (job.refusals() >= MAX_RESULTS_REFUSALS) {
      failures.fail(
          export,
          chunk,
          "results_refused",
          "Genesys refused the results of job "
              + job.id()
              + " "
              + job.refusals()
              + " times while its status said FULFILLED: "
              + e.getMessage(),
          e.genesysMessage(),
          e);
      return Next.NONE;
    }
    Instant next = now.plus(settings.pollSchedule().delayBefore(job.refusals(), random));
    chunks.save(chunk.after(Event.RESULTS_REFUSED).withJob(job), now);
    return Next.at(next);
  }

  private static ChunkSpec specOf(ChunkRow chunk) {
    return new ChunkSpec(chunk.seq(), chunk.intervalStart(), chunk.intervalEnd());
  }

  private static Deadline deadlineOf(ExportRow export) {
    return export.deadlineAt() == null ? Deadline.NONE : new Deadline(export.deadlineAt());
  }
}
