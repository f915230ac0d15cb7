package dev.frontdesk.gateway.aggregation;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import dev.frontdesk.gateway.BuilderProblems;
import dev.frontdesk.gateway.Durations;
import dev.frontdesk.gateway.aggregation.internal.Json;
import dev.frontdesk.gateway.aggregation.internal.LegSpec;
import dev.frontdesk.gateway.aggregation.internal.Template;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * One upstream call of an {@link Aggregation}, declared inside {@link Aggregation.Builder#call}:
 * what to send where, how long to wait, what a failure means, and how its JSON result is shaped and
 * placed in the composed response. Each option is checked when it is set.
 *
 * <p>Targets, header values and body strings are templates: {@code {id}} or {@code {path.id}} (path
 * variable), {@code {query.q}}, {@code {header.Accept-Language}}, {@code {identity.sub}}, {@code
 * {identity.claim.tenant}}, {@code {profile:/segment}} (JSON Pointer into the leg {@code profile},
 * which this leg then waits for), {@code {item:/sku}} (the current element of a {@link #forEach}
 * leg) and {@code {body:/cart}} (the client's JSON body). In a target every value is
 * percent-encoded for its place, so it can neither add a path segment nor a query parameter.
 *
 * <pre>{@code
 * .call("recommendations", c -> c.get("products", "/recommendations?segment={profile:/segment}")
 *     .timeout(Duration.ofMillis(300)).optional())
 * }</pre>
 */
public final class Leg {
  private static final Set<String> CREDENTIALS =
      Set.of("authorization", "proxy-authorization", "cookie");

  private final LegSpec spec;
  private final BuilderProblems problems;

  Leg(String name) {
    this.spec = new LegSpec(name);
    this.problems = new BuilderProblems("leg '" + name + "': ");
  }

  LegSpec spec() {
    return spec;
  }

  /**
   * The mistakes this leg's setters recorded so far, each naming the leg. A setter given a bad
   * value records it instead of throwing (a null argument still throws {@link
   * NullPointerException}); the gateway's {@code build()} reports them for the route the
   * aggregation serves. For tools that point at their own input.
   */
  public List<String> problems() {
    return problems.list();
  }

  /** Runs a setter's checks and assignments; what it refuses is recorded, naming this leg. */
  private Leg check(Runnable setter) {
    problems.check(setter);
    return this;
  }

  /** Sends {@code GET target} to the named upstream (declared on the gateway). */
  public Leg get(String upstream, String target) {
    return request("GET", upstream, target);
  }

  /** Sends {@code POST target}; give it a body with {@link #body} or {@link #forwardBody()}. */
  public Leg post(String upstream, String target) {
    return request("POST", upstream, target);
  }

  /** Sends {@code PUT target}; give it a body with {@link #body} or {@link #forwardBody()}. */
  public Leg put(String upstream, String target) {
    return request("PUT", upstream, target);
  }

  /** Sends {@code DELETE target}. */
  public Leg delete(String upstream, String target) {
    return request("DELETE", upstream, target);
  }

  /**
   * Sends {@code method target} to the named upstream; a later call replaces it (the last call
   * wins).
   */
  public Leg request(String method, String upstream, String target) {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(upstream, "upstream");
    Objects.requireNonNull(target, "target");
    return check(
        () -> {
          if (!target.startsWith("/") || target.chars().anyMatch(c -> c <= ' ' || c == '#')) {
            throw new IllegalArgumentException(
                "target must start with '/' and hold no spaces or '#': '" + target + "'");
          }
          spec.target = Template.parse(target);
          spec.method = method.toUpperCase(Locale.ROOT);
          spec.upstream = upstream;
        });
  }

  /**
   * The JSON request body, as a template: a string that is exactly one reference becomes the
   * referenced value with its JSON type. Example: {@code {"user": "{identity.sub}", "lines":
   * "{body:/cart/lines}"}}.
   */
  public Leg body(String jsonTemplate) {
    Objects.requireNonNull(jsonTemplate, "jsonTemplate");
    return check(
        () -> {
          spec.bodyTemplate = Json.parse(jsonTemplate);
          spec.templates(); // parses every reference now, so a typo is recorded here
        });
  }

  /** Sends the client's JSON body as this leg's body. */
  public Leg forwardBody() {
    return forwardBody("");
  }

  /** Sends the part of the client's JSON body at {@code pointer} (for example {@code /order}). */
  public Leg forwardBody(String pointer) {
    Objects.requireNonNull(pointer, "pointer");
    return check(
        () -> {
          JsonPointer.compile(pointer);
          spec.bodyTemplate = Json.NODES.textNode("{body:" + pointer + "}");
        });
  }

  /**
   * Caps the whole call, from sending to reading the last byte. When it passes the call is
   * cancelled and the leg fails as a timeout (504 when required). Default: the aggregation's.
   */
  public Leg timeout(Duration timeout) {
    Objects.requireNonNull(timeout, "timeout");
    return check(() -> spec.timeout = Durations.positive(timeout, "timeout"));
  }

  /** Lets the leg fail without failing the answer: it is left out, and the answer is partial. */
  public Leg optional() {
    spec.optional = true;
    return this;
  }

  /** Lets the leg fail without failing the answer: {@code fallback} takes its place. */
  public Leg optional(JsonNode fallback) {
    spec.optional = true;
    spec.fallback = Objects.requireNonNull(fallback, "fallback").deepCopy();
    return this;
  }

  /**
   * Upstream statuses that, on this required leg, become the answer's status instead of 502: for
   * example {@code passThrough(404)} on the primary leg makes a missing user a 404.
   */
  public Leg passThrough(int... statuses) {
    for (int status : statuses) {
      check(
          () -> {
            if (status < 400 || status > 599) {
              throw new IllegalArgumentException("statuses must be 400..599: " + status);
            }
            spec.passThroughStatuses.add(status);
          });
    }
    return this;
  }

  /**
   * The most bytes of response body the leg reads; more fails the leg. Default: the aggregation's.
   */
  public Leg maxResponseBytes(long maxResponseBytes) {
    return check(
        () -> {
          if (maxResponseBytes < 1) {
            throw new IllegalArgumentException(
                "maxResponseBytes must be positive: " + maxResponseBytes);
          }
          spec.maxResponseBytes = maxResponseBytes;
        });
  }

  /** Sets a request header from a template, such as {@code header("X-User", "{identity.sub}")}. */
  public Leg header(String name, String valueTemplate) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(valueTemplate, "valueTemplate");
    return check(
        () ->
            spec.headers.put(Aggregation.Builder.headerName(name), Template.parse(valueTemplate)));
  }

  /**
   * Copies these client headers to this leg, in addition to the aggregation's list. Credentials
   * ({@code Authorization}, {@code Cookie}) are refused here: use {@link #forwardCredentials()}.
   */
  public Leg forwardHeaders(String... names) {
    for (String name : names) {
      Objects.requireNonNull(name, "name");
      check(() -> spec.forwardHeaders.add(Aggregation.Builder.forwardable(name)));
    }
    return this;
  }

  /** Copies the client's {@code Authorization}, {@code Proxy-Authorization} and {@code Cookie}. */
  public Leg forwardCredentials() {
    spec.forwardCredentials = true;
    return this;
  }

  /**
   * Runs the call once per element of the array at {@code pointer} in leg {@code leg}'s result;
   * {@code {item}} and {@code {item:/pointer}} read the element. The leg's result is the array of
   * answers in element order; any failed element fails the leg.
   */
  public Leg forEach(String leg, String pointer) {
    Objects.requireNonNull(leg, "leg");
    Objects.requireNonNull(pointer, "pointer");
    return check(
        () -> {
          spec.forEachPointer = JsonPointer.compile(pointer);
          spec.forEachLeg = leg;
        });
  }

  /** How many calls of a {@link #forEach} leg run at once. Default 4. */
  public Leg concurrency(int concurrency) {
    return check(
        () -> {
          if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be positive: " + concurrency);
          }
          spec.concurrency = concurrency;
        });
  }

  /** The longest array a {@link #forEach} leg accepts; a longer one fails the leg. Default 100. */
  public Leg maxItems(int maxItems) {
    return check(
        () -> {
          if (maxItems < 1) {
            throw new IllegalArgumentException("maxItems must be positive: " + maxItems);
          }
          spec.maxItems = maxItems;
        });
  }

  /** Keeps only the part of the result at {@code pointer}, such as {@code /data/user}. */
  public Leg select(String pointer) {
    Objects.requireNonNull(pointer, "pointer");
    return check(() -> spec.select = JsonPointer.compile(pointer));
  }

  /** Keeps only these fields of the (selected) object: an allow list. */
  public Leg include(String... fields) {
    spec.include = List.of(fields);
    return this;
  }

  /** Drops these fields of the (selected) object: a deny list. */
  public Leg exclude(String... fields) {
    spec.exclude.addAll(List.of(fields));
    return this;
  }

  /** Renames a field of the (selected) object. */
  public Leg rename(String from, String to) {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    spec.renames.put(from, to);
    return this;
  }

  /** Nests the result under {@code key} instead of the leg's name. */
  public Leg as(String key) {
    spec.key = Objects.requireNonNull(key, "key");
    spec.merge = false;
    return this;
  }

  /** Merges the result's fields into the top-level object instead of nesting it. */
  public Leg merge() {
    spec.merge = true;
    return this;
  }

  static boolean isCredential(String name) {
    return CREDENTIALS.contains(name.toLowerCase(Locale.ROOT));
  }
}
