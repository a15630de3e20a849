package dev.gcjobs.server;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the readiness checks with a time limit. A check still running from an earlier probe is
 * waited on again rather than started twice, so a hanging store costs one thread, not one per
 * probe.
 */
final class ReadinessProbe implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ReadinessProbe.class);

  private final Map<String, Check> checks = new LinkedHashMap<>();
  private final Duration timeout;
  private final ExecutorService executor =
      Executors.newCachedThreadPool(
          task -> {
            Thread thread = new Thread(task, "gcjobs-readiness");
            thread.setDaemon(true);
            return thread;
          });

  ReadinessProbe(HealthChecks health, Duration timeout) {
    this.timeout = timeout;
    checks.put("store", new Check(health.storeReachable()));
    checks.put("token", new Check(health.tokenObtainable()));
  }

  /** Each check's result, by name ({@code store}, {@code token}). */
  Map<String, Boolean> run() {
    Map<String, CompletableFuture<Boolean>> running = new LinkedHashMap<>();
    checks.forEach((name, check) -> running.put(name, check.start()));
    long deadline = System.nanoTime() + timeout.toNanos();
    Map<String, Boolean> results = new LinkedHashMap<>();
    running.forEach(
        (name, future) -> {
          long left = Math.max(0, deadline - System.nanoTime());
          results.put(name, await(name, future, left));
        });
    return results;
  }

  private static boolean await(String name, CompletableFuture<Boolean> future, long nanos) {
    try {
      return future.get(nanos, TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      log.warn("Readiness check {} did not answer in time", name);
      return false;
    } catch (ExecutionException e) {
      log.warn("Readiness check {} failed: {}", name, e.getCause().toString());
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private final class Check {
    private final BooleanSupplier supplier;
    private final AtomicReference<CompletableFuture<Boolean>> last = new AtomicReference<>();

    Check(BooleanSupplier supplier) {
      this.supplier = supplier;
    }

    CompletableFuture<Boolean> start() {
      return last.updateAndGet(
          previous ->
              previous != null && !previous.isDone()
                  ? previous
                  : CompletableFuture.supplyAsync(supplier::getAsBoolean, executor));
    }
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
