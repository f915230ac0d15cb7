package dev.frontdesk.gateway.aggregation.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.frontdesk.gateway.Body;
import dev.frontdesk.gateway.CallOptions;
import dev.frontdesk.gateway.GatewayException;
import dev.frontdesk.gateway.Handler;
import dev.frontdesk.gateway.Headers;
import dev.frontdesk.gateway.Request;
import dev.frontdesk.gateway.Response;
import dev.frontdesk.gateway.Ticker;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One upstream call of a leg: builds the request from the client's (target and body rendered from
 * templates, only the allowed headers), caps it with the leg's deadline, reads at most the allowed
 * bytes and parses them as JSON. Every failure becomes a {@link LegFailure} with an honest status.
 */
final class LegCall {
  private static final Logger log = LoggerFactory.getLogger(LegCall.class);
  private static final Set<String> CREDENTIALS =
      Set.of("Authorization", "Proxy-Authorization", "Cookie");

  /**
   * The client's forwarding chain. The proxy believes these only from a trusted proxy and replaces
   * them otherwise, as for any proxied request; without them a gateway behind a load balancer told
   * every leg that the balancer was the client, over plain http.
   */
  private static final Set<String> FORWARDING =
      Set.of(
          "X-Forwarded-For",
          "X-Forwarded-Proto",
          "X-Forwarded-Host",
          "X-Forwarded-Port",
          "Forwarded");

  /** A parsed answer and the upstream's status. */
  record Answer(JsonNode value, int status) {}

  private final Settings settings;
  private final Ticker ticker;

  LegCall(Settings settings, Ticker ticker) {
    this.settings = settings;
    this.ticker = ticker;
  }

  Answer call(LegSpec leg, Handler proxy, Request client, Resolver resolver, long deadline) {
    long remaining = deadline - ticker.read();
    if (remaining <= 0) {
      throw LegFailure.timeout("leg '" + leg.name + "' had no time left to start");
    }
    Request request = request(leg, client, resolver);
    Response response;
    try {
      response =
          // the time left on the gateway's ticker; the transport keeps it in real time
          proxy.handle(
              request, CallOptions.builder().callTimeout(Duration.ofNanos(remaining)).build());
    } catch (GatewayException e) {
      throw failure(leg, e);
    } catch (IOException e) {
      throw failure(leg, e, deadline);
    }
    try (response) {
      return read(leg, response);
    } catch (IOException e) {
      throw failure(leg, e, deadline);
    }
  }

  private Answer read(LegSpec leg, Response response) throws IOException {
    int status = response.status();
    if (status < 200 || status > 299) {
      int failureStatus = leg.passThroughStatuses.contains(status) ? status : 502;
      throw new LegFailure(
          "status",
          failureStatus,
          status,
          "upstream '" + leg.upstream + "' answered " + status + " to leg '" + leg.name + "'");
    }
    long max = leg.maxResponseBytes > 0 ? leg.maxResponseBytes : settings.maxResponseBytes();
    try {
      return new Answer(Json.parse(response.body().bytes(max)), status);
    } catch (Body.BodyTooLargeException e) {
      throw new LegFailure(
          "too-large",
          502,
          status,
          "the answer of leg '" + leg.name + "' is larger than " + max + " bytes");
    } catch (JsonProcessingException e) {
      log.warn(
          "leg '{}': the answer of upstream '{}' is not valid JSON: {}",
          leg.name,
          leg.upstream,
          e.getOriginalMessage());
      // The parser's message quotes the upstream's bytes: logged, never shown to the client.
      throw new LegFailure(
          "invalid-json", 502, status, "the answer of leg '" + leg.name + "' is not valid JSON");
    }
  }

  private Request request(LegSpec leg, Request client, Resolver resolver) {
    // Plan refuses a leg without a request, and the DSL sets method and target together
    String method = Objects.requireNonNull(leg.method, "method");
    Template target = Objects.requireNonNull(leg.target, "target");
    Request.Builder b =
        client
            .newBuilder()
            .method(method)
            .target(target.renderTarget(resolver))
            .headers(headers(leg, client, resolver))
            .body(Body.empty());
    if (leg.bodyTemplate != null) {
      try {
        b.body(
            Body.of(
                Json.MAPPER.writeValueAsBytes(BodyTemplates.render(leg.bodyTemplate, resolver))));
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("a JSON tree could not be written", e);
      }
      b.header("Content-Type", "application/json");
    }
    return b.build();
  }

  /**
   * Only what the leg may see: the forwarding chain, the listed headers, credentials if allowed,
   * its own templates.
   */
  private Headers headers(LegSpec leg, Request client, Resolver resolver) {
    Headers.Builder h = Headers.builder().set("Accept", "application/json");
    copy(client, FORWARDING, h);
    copy(client, settings.forwardHeaders(), h);
    copy(client, leg.forwardHeaders, h);
    if (leg.forwardCredentials) {
      copy(client, CREDENTIALS, h);
    }
    render(settings.headers(), resolver, h);
    render(leg.headers, resolver, h);
    return h.build();
  }

  private static void copy(Request client, Set<String> names, Headers.Builder h) {
    for (String name : names) {
      h.remove(name);
      client.headers().values(name).forEach(value -> h.add(name, value));
    }
  }

  private static void render(
      Map<String, Template> templates, Resolver resolver, Headers.Builder h) {
    for (Map.Entry<String, Template> header : templates.entrySet()) {
      String name = header.getKey();
      String value = header.getValue().render(resolver, (ref, v) -> headerValue(name, ref, v));
      if (hasLineBreak(value)) { // in the template's own text
        throw new Unresolved(400, "header " + name + " would hold a line break");
      }
      h.set(name, value);
    }
  }

  /**
   * A reference's value in a header. A line break fails the leg rather than being smuggled through
   * encoded (the client's 400, or a 502 when it came from an upstream's answer); other bytes are
   * encoded as visible ASCII, so that "渡辺" and "山田" do not both reach the backend as "??".
   */
  private static String headerValue(String name, Ref ref, String value) {
    if (hasLineBreak(value)) {
      throw new Unresolved(ref.faultStatus(), "header " + name + " would hold a line break");
    }
    return UriEncoding.headerValue(value);
  }

  private static boolean hasLineBreak(String value) {
    return value.chars().anyMatch(c -> c == '\r' || c == '\n' || c == 0);
  }

  private static LegFailure failure(LegSpec leg, GatewayException e) {
    if (e.status() == 504) {
      return LegFailure.timeout("leg '" + leg.name + "' timed out: " + e.detail());
    }
    return new LegFailure(
        e.status() == 502 ? "unreachable" : "error",
        502,
        0,
        "leg '" + leg.name + "' failed: " + e.detail());
  }

  private LegFailure failure(LegSpec leg, IOException e, long deadline) {
    if (e instanceof InterruptedIOException || ticker.read() - deadline >= 0) {
      return LegFailure.timeout("leg '" + leg.name + "' timed out");
    }
    log.warn(
        "leg '{}': the answer of upstream '{}' broke off: {}",
        leg.name,
        leg.upstream,
        e.toString());
    return LegFailure.bad("unreachable", "the answer of leg '" + leg.name + "' broke off");
  }
}
