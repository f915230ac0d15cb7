package dev.frontdesk.gateway.aggregation.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.frontdesk.gateway.Handler;
import dev.frontdesk.gateway.Ticker;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one leg for one request: checks its dependencies, calls the upstream once or once per
 * element (fan-out), shapes the result, and turns every way it can fail into a {@link LegOutcome}.
 * It never throws, so one broken leg cannot take the others down.
 */
public final class LegRunner {
  private static final Logger log = LoggerFactory.getLogger(LegRunner.class);

  private final Plan plan;
  private final Settings settings;
  private final Map<String, Handler> proxies;
  private final LegCall call;
  private final Ticker ticker;

  public LegRunner(Plan plan, Settings settings, Map<String, Handler> proxies, Ticker ticker) {
    this.plan = plan;
    this.settings = settings;
    this.proxies = proxies;
    this.ticker = ticker;
    this.call = new LegCall(settings, ticker);
  }

  public LegOutcome run(LegSpec leg, RequestContext context) {
    long start = ticker.read();
    LegOutcome outcome;
    try {
      requireDependencies(leg, context);
      long timeout = (leg.timeout != null ? leg.timeout : settings.timeout()).toNanos();
      long deadline = Math.min(start + timeout, context.deadlineNanos());
      LegCall.Answer answer =
          leg.forEachLeg != null
              ? fanOut(leg, context, deadline)
              : call.call(leg, proxy(leg), context.request(), context, deadline);
      JsonNode value = shape(leg, answer.value());
      if (leg.merge && !value.isObject()) {
        throw LegFailure.bad(
            "shape", "the answer of leg '" + leg.name + "' is not a JSON object to merge");
      }
      outcome = LegOutcome.ok(leg.name, answer.value(), value, answer.status(), millisSince(start));
    } catch (LegFailure e) {
      outcome =
          LegOutcome.failed(
              leg.name,
              e.upstreamStatus,
              millisSince(start),
              e.error,
              e.failureStatus,
              e.getMessage());
    } catch (Unresolved e) {
      outcome =
          LegOutcome.failed(
              leg.name, 0, millisSince(start), "unresolved", e.status(), e.getMessage());
    } catch (RuntimeException e) {
      log.error("aggregation leg '{}' failed inside the gateway", leg.name, e);
      outcome =
          LegOutcome.failed(
              leg.name,
              0,
              millisSince(start),
              "error",
              500,
              "the gateway failed while calling leg '" + leg.name + "'");
    }
    context.record(outcome);
    return outcome;
  }

  /** Shapes a single answer, or each element of a fan-out leg's answers. */
  private static JsonNode shape(LegSpec leg, JsonNode raw) {
    if (leg.forEachLeg == null) {
      return Shape.apply(leg, raw);
    }
    ArrayNode shaped = Json.NODES.arrayNode(raw.size());
    raw.forEach(element -> shaped.add(Shape.apply(leg, element)));
    return shaped;
  }

  private Handler proxy(LegSpec leg) {
    // the aggregation has a proxy for every upstream its legs name, or it would not have been built
    return Objects.requireNonNull(
        proxies.get(leg.upstream), "no proxy for upstream " + leg.upstream);
  }

  private void requireDependencies(LegSpec leg, RequestContext context) {
    if (context.isAnswered()) {
      throw LegFailure.bad(
          "cancelled", "the answer was sent before leg '" + leg.name + "' started");
    }
    for (String dep : plan.dependencies(leg.name)) {
      LegOutcome outcome = context.outcome(dep);
      if (outcome == null || !outcome.succeeded()) {
        int status = outcome == null ? 504 : outcome.failureStatus();
        throw new LegFailure(
            "dependency",
            status,
            0,
            "leg '"
                + leg.name
                + "' needs leg '"
                + dep
                + "', which failed"
                + (outcome == null ? "" : ": " + outcome.message()));
      }
    }
  }

  private LegCall.Answer fanOut(LegSpec leg, RequestContext context, long deadline) {
    // run() fans out forEach legs only, and requireDependencies has seen the source leg succeed
    String sourceLeg = Objects.requireNonNull(leg.forEachLeg, "forEachLeg");
    LegOutcome sourceOutcome = Objects.requireNonNull(context.outcome(sourceLeg), sourceLeg);
    JsonNode source = Objects.requireNonNull(sourceOutcome.raw(), sourceLeg).at(leg.forEachPointer);
    if (!source.isArray()) {
      throw LegFailure.bad(
          "shape",
          "leg '"
              + leg.name
              + "' runs for each element of "
              + leg.forEachLeg
              + ":"
              + leg.forEachPointer
              + ", which is not an array");
    }
    if (source.size() > leg.maxItems) {
      throw LegFailure.bad(
          "too-many-items",
          "leg '"
              + leg.name
              + "' would run for "
              + source.size()
              + " elements, more than its maxItems "
              + leg.maxItems);
    }
    Semaphore permits = new Semaphore(leg.concurrency);
    // Any failed element fails the leg, so the first one decides it: no element starts after it,
    // and the leg does not wait for slower siblings (their calls end at their own deadline).
    CompletableFuture<Void> firstFailure = new CompletableFuture<>();
    List<CompletableFuture<LegCall.Answer>> calls = new ArrayList<>(source.size());
    for (JsonNode item : source) {
      acquire(permits, deadline, leg);
      // the client has its answer, or the leg has failed: calls under way end by themselves
      if (context.isAnswered() || firstFailure.isDone()) {
        permits.release();
        break;
      }
      calls.add(
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return call.call(
                      leg, proxy(leg), context.request(), context.withItem(item), deadline);
                } catch (RuntimeException e) {
                  firstFailure.completeExceptionally(e); // before the permit frees the next one
                  throw e;
                } finally {
                  permits.release();
                }
              },
              settings.executor()));
    }
    try {
      CompletableFuture.anyOf(
              firstFailure, CompletableFuture.allOf(calls.toArray(CompletableFuture<?>[]::new)))
          .join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : e;
    }
    ArrayNode results = Json.NODES.arrayNode(calls.size());
    int status = 200;
    for (CompletableFuture<LegCall.Answer> c : calls) {
      LegCall.Answer answer = c.join(); // all succeeded, or firstFailure would have thrown
      results.add(answer.value());
      status = Math.max(status, answer.status());
    }
    return new LegCall.Answer(results, status);
  }

  private void acquire(Semaphore permits, long deadline, LegSpec leg) {
    try {
      if (!Deadline.acquire(permits, deadline, ticker)) {
        throw LegFailure.timeout("leg '" + leg.name + "' did not finish in time");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw LegFailure.timeout("leg '" + leg.name + "' was interrupted");
    }
  }

  private long millisSince(long start) {
    return TimeUnit.NANOSECONDS.toMillis(ticker.read() - start);
  }
}
