package dev.frontdesk.gateway;

import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The typed values a request carries, and the keys the gateway itself sets. Immutable: {@link
 * #with} returns a copy.
 */
public final class Attributes {
  /** The id of the route that matched the request. */
  public static final AttributeKey<String> ROUTE_ID = AttributeKey.of("routeId");

  /** Values captured by the route's path pattern, such as {@code id} for {@code /users/{id}}. */
  public static final AttributeKey<Map<String, String>> PATH_VARIABLES =
      AttributeKey.of("pathVariables");

  /** The request's id: sent upstream as {@code X-Request-Id} and put into every problem body. */
  public static final AttributeKey<String> REQUEST_ID = AttributeKey.of("requestId");

  /**
   * The client's address: the peer's address, or the nearest untrusted address in {@code
   * X-Forwarded-For} when the peer is a trusted proxy.
   */
  public static final AttributeKey<String> CLIENT_ADDRESS = AttributeKey.of("clientAddress");

  /** Who the client is, once an authentication middleware has proved it. */
  public static final AttributeKey<Identity> IDENTITY = AttributeKey.of("identity");

  /**
   * A cap on a whole upstream call made for this request: connecting, sending, waiting and reading
   * the response body. When it passes, the call is cancelled and the client gets 504. Set it for
   * calls that must finish in time, such as an aggregation's legs.
   */
  public static final AttributeKey<java.time.Duration> CALL_TIMEOUT = AttributeKey.of("callTimeout");

  private static final Attributes EMPTY = new Attributes(new IdentityHashMap<>());

  private final IdentityHashMap<AttributeKey<?>, Object> values;

  private Attributes(IdentityHashMap<AttributeKey<?>, Object> values) {
    this.values = values;
  }

  public static Attributes empty() {
    return EMPTY;
  }

  /** The value under {@code key}, or null. */
  @SuppressWarnings("unchecked")
  public <T> @Nullable T get(AttributeKey<T> key) {
    return (T) values.get(key);
  }

  /** A copy with {@code value} under {@code key}. */
  public <T> Attributes with(AttributeKey<T> key, T value) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
    IdentityHashMap<AttributeKey<?>, Object> copy = new IdentityHashMap<>(values);
    copy.put(key, value);
    return new Attributes(copy);
  }

  /** A copy without {@code key}. */
  public Attributes without(AttributeKey<?> key) {
    if (!values.containsKey(key)) {
      return this;
    }
    IdentityHashMap<AttributeKey<?>, Object> copy = new IdentityHashMap<>(values);
    copy.remove(key);
    return new Attributes(copy);
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("Attributes{");
    values.forEach((k, v) -> sb.append(k.name()).append('=').append(v).append(", "));
    if (!values.isEmpty()) {
      sb.setLength(sb.length() - 2);
    }
    return sb.append('}').toString();
  }
}
