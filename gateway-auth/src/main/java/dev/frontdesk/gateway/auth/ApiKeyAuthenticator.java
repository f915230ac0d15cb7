package dev.frontdesk.gateway.auth;

import dev.frontdesk.gateway.Identity;
import dev.frontdesk.gateway.Request;
import dev.frontdesk.gateway.auth.internal.Challenges;
import dev.frontdesk.gateway.auth.internal.Credentials;
import dev.frontdesk.gateway.auth.internal.Hashing;
import java.io.IOException;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Authenticates requests by an API key in a header ({@code X-Api-Key} by default) or, when
 * configured, a query parameter. The key is hashed and looked up in an {@link ApiKeyStore}; the
 * identity's subject and consumer id are the consumer's id, its groups the consumer's groups, and
 * its method {@code api-key}.
 *
 * <pre>{@code
 * ApiKeyAuthenticator apiKeys = ApiKeyAuthenticator.builder(store).header("X-Api-Key").build();
 * }</pre>
 */
public final class ApiKeyAuthenticator implements Authenticator {
  private static final Logger log = LoggerFactory.getLogger(ApiKeyAuthenticator.class);
  private static final int MAX_KEY_LENGTH = 512;

  private final ApiKeyStore store;
  private final String header;
  private final @Nullable String queryParameter;
  private final boolean forwardCredential;
  private final String realm;

  private ApiKeyAuthenticator(Builder b) {
    this.store = b.store;
    this.header = b.header;
    this.queryParameter = b.queryParameter;
    this.forwardCredential = b.forwardCredential;
    this.realm = b.realm;
  }

  public static Builder builder(ApiKeyStore store) {
    return new Builder(store);
  }

  @Override
  public @Nullable Identity authenticate(Request request) throws IOException {
    String key = key(request);
    if (key == null) {
      return null;
    }
    ApiConsumer consumer =
        key.length() > MAX_KEY_LENGTH ? null : store.findBySha256(Hashing.sha256(key));
    if (consumer == null) {
      log.debug("unknown API key on {} {}", request.method(), request.path());
      throw new AuthenticationException("the API key is not valid", List.of(challenge()));
    }
    return Identity.builder(consumer.id())
        .consumerId(consumer.id())
        .groups(consumer.groups())
        .claim("name", consumer.name())
        .authenticatedBy("api-key")
        .build();
  }

  private @Nullable String key(Request request) {
    List<String> values = request.headers().values(header);
    if (values.size() > 1) {
      throw new AuthenticationException(
          "the request has more than one " + header + " header", List.of(challenge()));
    }
    if (values.size() == 1) {
      return values.get(0);
    }
    return queryParameter == null ? null : Credentials.queryParameter(request, queryParameter);
  }

  /**
   * {@code ApiKey realm="...", header="X-Api-Key"}: not a registered scheme, but it tells clients
   * what to send.
   */
  @Override
  public String challenge() {
    return "ApiKey realm=" + Challenges.quote(realm) + ", header=" + Challenges.quote(header);
  }

  /**
   * Removes the key's query parameter, when configured, unless {@link
   * Builder#forwardCredential(boolean)}. The key header is left: remove it with {@code
   * Middlewares.removeRequestHeader} if upstreams should not see it.
   */
  @Override
  public Request withoutCredential(Request request) {
    if (forwardCredential || queryParameter == null) {
      return request;
    }
    return Credentials.withoutQueryParameter(request, queryParameter);
  }

  @Override
  public String toString() {
    return "ApiKeyAuthenticator{" + header + "}";
  }

  /**
   * Builds an {@link ApiKeyAuthenticator}. Defaults: header {@code X-Api-Key}, no query parameter
   * (and when one is set, it is not forwarded), realm {@code api}.
   */
  public static final class Builder {
    private final ApiKeyStore store;
    private String header = "X-Api-Key";
    private @Nullable String queryParameter;
    private boolean forwardCredential;
    private String realm = "api";

    private Builder(ApiKeyStore store) {
      this.store = Objects.requireNonNull(store, "store");
    }

    /** The header that carries the key. */
    public Builder header(String name) {
      this.header = Objects.requireNonNull(name, "name");
      return this;
    }

    /**
     * Also accepts the key in this query parameter (it ends up in access logs: prefer the header).
     */
    public Builder queryParameter(String name) {
      this.queryParameter = Objects.requireNonNull(name, "name");
      return this;
    }

    /**
     * Whether a key read from the {@linkplain #queryParameter query parameter} travels on to the
     * upstream (false: once the request is authenticated that parameter is removed, the others kept
     * byte for byte). The key header is not affected.
     */
    public Builder forwardCredential(boolean forward) {
      this.forwardCredential = forward;
      return this;
    }

    /** The realm named in {@code WWW-Authenticate}. */
    public Builder realm(String realm) {
      this.realm = Objects.requireNonNull(realm, "realm");
      return this;
    }

    public ApiKeyAuthenticator build() {
      return new ApiKeyAuthenticator(this);
    }
  }
}
