package dev.frontdesk.gateway.aggregation.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.frontdesk.gateway.Body;
import dev.frontdesk.gateway.GatewayException;
import dev.frontdesk.gateway.Handler;
import dev.frontdesk.gateway.Headers;
import dev.frontdesk.gateway.Request;
import dev.frontdesk.gateway.Response;
import dev.frontdesk.gateway.Ticker;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * The route target an aggregation becomes: starts every leg as soon as the legs it reads have
 * finished, waits until all are done, a required one has failed, or the aggregation's timeout has
 * passed, and answers with the composed JSON (or a problem naming the failed required leg).
 */
public final class AggregationHandler implements Handler {
  private final Plan plan;
  private final Settings settings;
  private final LegRunner runner;
  private final Composition composition;
  private final Ticker ticker;

  /**
   * @param ticker the gateway's, which the aggregation's and the legs' deadlines are instants of
   */
  public AggregationHandler(
      Plan plan, Settings settings, Map<String, Handler> proxies, Ticker ticker) {
    this.plan = plan;
    this.settings = settings;
    this.ticker = ticker;
    this.runner = new LegRunner(plan, settings, proxies, ticker);
    this.composition = new Composition(plan, settings);
  }

  @Override
  public Response handle(Request request) throws IOException {
    long deadline = ticker.read() + settings.timeout().toNanos();
    RequestContext context = new RequestContext(request, clientBody(request), deadline);
    Map<String, CompletableFuture<LegOutcome>> legs = start(context);
    awaitCompletion(legs, deadline);
    context.answered();
    Map<String, LegOutcome> outcomes = new LinkedHashMap<>();
    for (LegSpec leg : plan.legs()) {
      outcomes.put(
          leg.name,
          ofLeg(legs, leg)
              .getNow(
                  LegOutcome.failed(
                      leg.name,
                      0,
                      settings.timeout().toMillis(),
                      "timeout",
                      504,
                      "leg '"
                          + leg.name
                          + "' did not finish within the aggregation's "
                          + settings.timeout().toMillis()
                          + " ms")));
    }
    failIfRequiredFailed(outcomes);
    return answer(outcomes);
  }

  private Map<String, CompletableFuture<LegOutcome>> start(RequestContext context) {
    Map<String, CompletableFuture<LegOutcome>> legs = new LinkedHashMap<>();
    for (LegSpec leg : plan.order()) {
      CompletableFuture<?>[] deps =
          plan.dependencies(leg.name).stream().map(legs::get).toArray(CompletableFuture<?>[]::new);
      CompletableFuture<Void> ready = CompletableFuture.allOf(deps);
      legs.put(leg.name, ready.thenApplyAsync(x -> runner.run(leg, context), settings.executor()));
    }
    return legs;
  }

  /** Returns when all legs are done, a required leg has failed, or the deadline has passed. */
  private void awaitCompletion(Map<String, CompletableFuture<LegOutcome>> legs, long deadline) {
    CompletableFuture<Object> done = new CompletableFuture<>();
    CompletableFuture.allOf(legs.values().toArray(CompletableFuture<?>[]::new))
        .whenComplete((x, e) -> done.complete(true));
    for (LegSpec leg : plan.legs()) {
      if (!leg.optional) {
        ofLeg(legs, leg)
            .thenAccept(
                o -> {
                  if (!o.succeeded()) {
                    done.complete(false);
                  }
                });
      }
    }
    try {
      Deadline.get(done, deadline, ticker);
    } catch (TimeoutException e) {
      // The unfinished legs are reported as timed out; their calls end at their own deadlines.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw GatewayException.serviceUnavailable("the gateway is shutting down");
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    }
  }

  /** Every leg of the plan is started, and has an outcome, so a map by leg name has each one. */
  private static <T> T ofLeg(Map<String, T> byLeg, LegSpec leg) {
    return Objects.requireNonNull(byLeg.get(leg.name), leg.name);
  }

  private void failIfRequiredFailed(Map<String, LegOutcome> outcomes) {
    List<String> failed = new ArrayList<>();
    LegOutcome first = null;
    for (LegSpec leg : plan.legs()) {
      LegOutcome o = ofLeg(outcomes, leg);
      if (!leg.optional && !o.succeeded()) {
        failed.add(leg.name);
        first = first == null ? o : first;
      }
    }
    if (first != null) {
      int status = first.failureStatus();
      throw new GatewayException(
              status, "required leg '" + first.leg() + "' failed: " + first.message())
          .withHeaders(Headers.of("X-Aggregate-Failed", String.join(", ", failed)));
    }
  }

  private Response answer(Map<String, LegOutcome> outcomes) throws JsonProcessingException {
    List<String> failed = new ArrayList<>();
    outcomes
        .values()
        .forEach(
            o -> {
              if (!o.succeeded()) {
                failed.add(o.leg());
              }
            });
    byte[] json = Json.MAPPER.writeValueAsBytes(composition.compose(outcomes));
    Response.Builder b =
        Response.builder()
            .status(200)
            .header("Content-Type", "application/json")
            .header("X-Aggregate-Partial", failed.isEmpty() ? "false" : "true")
            .body(Body.of(json));
    if (!failed.isEmpty()) {
      b.header("X-Aggregate-Failed", String.join(", ", failed));
    }
    return b.build();
  }

  private @Nullable JsonNode clientBody(Request request) throws IOException {
    if (!plan.readsBody()) {
      return null;
    }
    byte[] bytes;
    try {
      bytes = request.body().bytes(settings.maxRequestBodyBytes());
    } catch (Body.BodyTooLargeException e) {
      throw GatewayException.contentTooLarge(
          "the request body is larger than " + settings.maxRequestBodyBytes() + " bytes");
    }
    try {
      return bytes.length == 0 ? null : Json.parse(bytes);
    } catch (JsonProcessingException e) {
      throw GatewayException.badRequest("the request body is not valid JSON");
    }
  }
}
