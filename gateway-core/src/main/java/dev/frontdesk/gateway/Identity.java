package dev.frontdesk.gateway;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Who a request comes from, as proved by an authentication middleware (a JWT, an API key, an
 * introspected token). It lives in core so that rate limiting, aggregation and identity forwarding
 * can read it without depending on the module that set it.
 *
 * <pre>{@code
 * Identity id = Identity.builder("alice").scopes(Set.of("orders:read")).consumerId("mobile-app").build();
 * }</pre>
 */
public final class Identity {
  private final String subject;
  private final @Nullable String consumerId;
  private final Set<String> scopes;
  private final Set<String> groups;
  private final Map<String, Object> claims;
  private final String authenticatedBy;

  private Identity(Builder b) {
    this.subject = b.subject;
    this.consumerId = b.consumerId;
    this.scopes = Set.copyOf(b.scopes);
    this.groups = Set.copyOf(b.groups);
    this.claims = Map.copyOf(b.claims);
    this.authenticatedBy = b.authenticatedBy;
  }

  public static Builder builder(String subject) {
    return new Builder(subject);
  }

  /** The authenticated subject: a user id, a client id, an API key's consumer id. */
  public String subject() {
    return subject;
  }

  /** The consumer (application, API-key holder) the request is made for, when known. */
  public @Nullable String consumerId() {
    return consumerId;
  }

  /** Granted OAuth2 scopes. */
  public Set<String> scopes() {
    return scopes;
  }

  /** Roles, groups or plans the subject belongs to. */
  public Set<String> groups() {
    return groups;
  }

  /** All claims as the authenticator read them (for JWTs, the token's claims). */
  public Map<String, Object> claims() {
    return claims;
  }

  /**
   * How the identity was proved: {@code "jwt"}, {@code "api-key"}, {@code "introspection"}, or
   * {@code "custom"} when the builder was not told.
   */
  public String authenticatedBy() {
    return authenticatedBy;
  }

  public Builder newBuilder() {
    Builder b = new Builder(subject);
    b.consumerId = consumerId;
    b.scopes.addAll(scopes);
    b.groups.addAll(groups);
    b.claims.putAll(claims);
    b.authenticatedBy = authenticatedBy;
    return b;
  }

  @Override
  public String toString() {
    return "Identity{subject="
        + subject
        + ", consumerId="
        + consumerId
        + ", scopes="
        + scopes
        + ", groups="
        + groups
        + ", authenticatedBy="
        + authenticatedBy
        + "}";
  }

  /**
   * Builds an {@link Identity}. Defaults: no consumer, no scopes, groups or claims, authenticated
   * by "custom".
   */
  public static final class Builder {
    private final String subject;
    private @Nullable String consumerId;
    private final Set<String> scopes = new LinkedHashSet<>();
    private final Set<String> groups = new LinkedHashSet<>();
    private final Map<String, Object> claims = new LinkedHashMap<>();
    private String authenticatedBy = "custom";

    private Builder(String subject) {
      this.subject = Objects.requireNonNull(subject, "subject");
    }

    public Builder consumerId(@Nullable String consumerId) {
      this.consumerId = consumerId;
      return this;
    }

    public Builder scopes(Set<String> scopes) {
      this.scopes.addAll(scopes);
      return this;
    }

    public Builder groups(Set<String> groups) {
      this.groups.addAll(groups);
      return this;
    }

    public Builder claim(String name, Object value) {
      this.claims.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
      return this;
    }

    public Builder claims(Map<String, ?> claims) {
      claims.forEach(this::claim);
      return this;
    }

    /** How the identity was proved, such as {@code "jwt"} ({@code "custom"}). */
    public Builder authenticatedBy(String how) {
      this.authenticatedBy = Objects.requireNonNull(how, "how");
      return this;
    }

    public Identity build() {
      return new Identity(this);
    }
  }
}
