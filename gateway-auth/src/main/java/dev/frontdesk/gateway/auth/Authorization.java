package dev.frontdesk.gateway.auth;

import dev.frontdesk.gateway.Attributes;
import dev.frontdesk.gateway.Identity;
import dev.frontdesk.gateway.Middleware;
import dev.frontdesk.gateway.Middlewares;
import dev.frontdesk.gateway.auth.internal.Challenges;
import dev.frontdesk.gateway.auth.internal.ClaimMapping;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Per-route authorization rules, as middleware placed after {@link Authentication}: they read
 * {@link Attributes#IDENTITY}. A request without an identity gets 401; one whose identity does not
 * satisfy the rule gets 403 ({@code insufficient_scope} for scopes, RFC 6750 §3.1).
 *
 * <pre>{@code
 * r.path("/orders/**")
 *  .use(Authentication.required(jwt), Authorization.scopes("orders:read"), Authorization.anyGroup("staff"))
 *  .proxyTo(orders)
 * }</pre>
 */
public final class Authorization {
  private Authorization() {}

  /** Any authenticated identity may pass. */
  public static Middleware authenticated() {
    return rule("authenticated", "", id -> true);
  }

  /** The identity must hold every one of these scopes (from {@code scope} or {@code scp}). */
  public static Middleware scopes(String... required) {
    Set<String> scopes = nonEmpty(required, "required");
    return Middlewares.named(
        "scopes" + scopes,
        chain -> {
          Identity identity = identity(chain);
          if (!identity.scopes().containsAll(scopes)) {
            throw AccessDeniedException.insufficientScope(scopes);
          }
          return chain.proceed(chain.request());
        });
  }

  /** The identity must belong to at least one of these groups or roles. */
  public static Middleware anyGroup(String... groups) {
    Set<String> accepted = nonEmpty(groups, "groups");
    return rule(
        "anyGroup" + accepted,
        "the identity is not in any of the groups " + accepted,
        id -> id.groups().stream().anyMatch(accepted::contains));
  }

  /**
   * The claim must have one of these values; a claim holding an array or a space-separated string
   * passes when one of its elements does.
   */
  public static Middleware claim(String name, String... acceptedValues) {
    Objects.requireNonNull(name, "name");
    Set<String> accepted = nonEmpty(acceptedValues, "acceptedValues");
    return rule(
        "claim(" + name + ")" + accepted,
        "the claim '" + name + "' does not have an accepted value",
        id -> ClaimMapping.strings(id.claims().get(name)).stream().anyMatch(accepted::contains));
  }

  /** A rule of your own; {@code denial} is the 403's detail, so word it for the client. */
  public static Middleware rule(String denial, Predicate<Identity> rule) {
    return rule(
        "rule", Objects.requireNonNull(denial, "denial"), Objects.requireNonNull(rule, "rule"));
  }

  private static Middleware rule(String name, String denial, Predicate<Identity> rule) {
    return Middlewares.named(
        "Authorization." + name,
        chain -> {
          if (!rule.test(identity(chain))) {
            throw new AccessDeniedException(denial);
          }
          return chain.proceed(chain.request());
        });
  }

  private static Identity identity(Middleware.Chain chain) {
    Identity identity = chain.request().attribute(Attributes.IDENTITY);
    if (identity == null) {
      throw AuthenticationException.missingCredentials(List.of(Challenges.bearer(null)));
    }
    return identity;
  }

  private static Set<String> nonEmpty(String[] values, String name) {
    Objects.requireNonNull(values, name);
    if (values.length == 0) {
      throw new IllegalArgumentException(name + " must name at least one value");
    }
    Set<String> set = new LinkedHashSet<>();
    for (String v : values) {
      set.add(Objects.requireNonNull(v, name + " contains null"));
    }
    return Collections.unmodifiableSet(set);
  }
}
