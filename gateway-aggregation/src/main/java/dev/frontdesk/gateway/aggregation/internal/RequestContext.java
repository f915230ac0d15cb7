package dev.frontdesk.gateway.aggregation.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.frontdesk.gateway.Attributes;
import dev.frontdesk.gateway.Identity;
import dev.frontdesk.gateway.Request;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * One client request as the legs see it: its inputs (path variables, query, headers, identity, JSON
 * body), the results of the legs that finished, and the aggregation's deadline.
 */
public final class RequestContext implements Resolver {
  private final Request request;
  private final Map<String, String> query;
  private final @Nullable JsonNode body;
  private final long deadlineNanos;
  private final Map<String, LegOutcome> outcomes = new ConcurrentHashMap<>();
  private volatile boolean answered;

  public RequestContext(Request request, @Nullable JsonNode body, long deadlineNanos) {
    this.request = request;
    this.query = parseQuery(request.query());
    this.body = body;
    this.deadlineNanos = deadlineNanos;
  }

  public Request request() {
    return request;
  }

  public long deadlineNanos() {
    return deadlineNanos;
  }

  /** Marks the client as answered: legs that have not started yet will not call anything. */
  public void answered() {
    answered = true;
  }

  public boolean isAnswered() {
    return answered;
  }

  public void record(LegOutcome outcome) {
    outcomes.put(outcome.leg(), outcome);
  }

  public @Nullable LegOutcome outcome(String leg) {
    return outcomes.get(leg);
  }

  /** A resolver that also knows the current element of a fan-out leg. */
  public Resolver withItem(JsonNode item) {
    return new Resolver() {
      @Override
      public String text(Ref ref) {
        return ref.kind() == Ref.Kind.ITEM
            ? scalar(ref, item.at(ref.pointer()), 502)
            : RequestContext.this.text(ref);
      }

      @Override
      public JsonNode node(Ref ref) {
        return ref.kind() == Ref.Kind.ITEM
            ? present(ref, item.at(ref.pointer()), 502)
            : RequestContext.this.node(ref);
      }
    };
  }

  @Override
  public String text(Ref ref) {
    return switch (ref.kind()) {
      case PATH -> required(ref, request.pathVariable(ref.name()), 400);
      case QUERY -> required(ref, query.get(ref.name()), 400);
      case HEADER -> required(ref, request.header(ref.name()), 400);
      case IDENTITY -> required(ref, identity(ref.name()), 401);
      case LEG -> scalar(ref, legValue(ref).at(ref.pointer()), 502);
      case BODY -> scalar(ref, clientBody(ref).at(ref.pointer()), 400);
      case ITEM -> throw new Unresolved(500, ref + " used outside a forEach leg");
    };
  }

  @Override
  public JsonNode node(Ref ref) {
    return switch (ref.kind()) {
      case LEG -> present(ref, legValue(ref).at(ref.pointer()), 502);
      case BODY -> present(ref, clientBody(ref).at(ref.pointer()), 400);
      default -> Json.NODES.textNode(text(ref));
    };
  }

  private JsonNode legValue(Ref ref) {
    LegOutcome outcome = outcomes.get(ref.name());
    JsonNode value = outcome == null ? null : outcome.raw();
    if (value == null) {
      throw new Unresolved(502, "leg '" + ref.name() + "' has no result for " + ref);
    }
    return value;
  }

  private JsonNode clientBody(Ref ref) {
    if (body == null) {
      throw new Unresolved(400, "the request has no JSON body for " + ref);
    }
    return body;
  }

  private @Nullable String identity(String key) {
    Identity identity = request.attribute(Attributes.IDENTITY);
    if (identity == null) {
      return null;
    }
    if (key.startsWith("claim.")) {
      Object claim = identity.claims().get(key.substring("claim.".length()));
      return claim instanceof String || claim instanceof Number || claim instanceof Boolean
          ? claim.toString()
          : null;
    }
    return switch (key) {
      case "sub", "subject" -> identity.subject();
      case "consumer" -> identity.consumerId();
      default -> identity.authenticatedBy();
    };
  }

  private static String required(Ref ref, @Nullable String value, int status) {
    if (value == null) {
      throw new Unresolved(status, "the request has no value for " + ref);
    }
    return value;
  }

  private static String scalar(Ref ref, JsonNode node, int status) {
    String text = Json.scalarText(node);
    if (text == null) {
      throw new Unresolved(
          status, ref + " is " + (node.isMissingNode() ? "missing" : "not a scalar"));
    }
    return text;
  }

  private static JsonNode present(Ref ref, JsonNode node, int status) {
    if (node.isMissingNode()) {
      throw new Unresolved(status, ref + " is missing");
    }
    return node;
  }

  private static Map<String, String> parseQuery(@Nullable String query) {
    Map<String, String> values = new HashMap<>();
    if (query == null) {
      return values;
    }
    for (String pair : query.split("&")) {
      int eq = pair.indexOf('=');
      try {
        String name =
            URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
        String value =
            eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
        values.putIfAbsent(name, value);
      } catch (IllegalArgumentException malformed) {
        // A parameter that is not valid percent-encoding is treated as absent.
      }
    }
    return values;
  }
}
