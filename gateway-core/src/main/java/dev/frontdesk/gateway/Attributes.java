package dev.frontdesk.gateway;

import java.util.Arrays;
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

  /**
   * The canonical path the client asked for and the route matched, as it was before any middleware
   * ({@code stripPrefix}, {@code rewritePath}) changed {@link Request#path()}. The proxy restores
   * the client's prefix in redirects with it.
   */
  public static final AttributeKey<String> ORIGINAL_PATH = AttributeKey.of("originalPath");

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
   * Whether the client's peer is one of the gateway's configured trusted proxies, whose forwarding
   * headers ({@code X-Forwarded-*}, {@code Forwarded}, {@code X-Request-Id}) were believed. Decided
   * once, at the edge.
   */
  public static final AttributeKey<Boolean> FROM_TRUSTED_PROXY =
      AttributeKey.of("fromTrustedProxy");

  private static final Attributes EMPTY = new Attributes(new Object[0]);

  /*
   * Alternating keys and values, compared by identity. A request carries a handful of attributes
   * and the gateway adds six to every routed request, so a copy-on-write array is both the
   * cheapest copy and the fastest lookup; a map would cost a table per with().
   */
  private final Object[] keysAndValues;

  private Attributes(Object[] keysAndValues) {
    this.keysAndValues = keysAndValues;
  }

  public static Attributes empty() {
    return EMPTY;
  }

  /** The value under {@code key}, or null. */
  @SuppressWarnings("unchecked")
  public <T> @Nullable T get(AttributeKey<T> key) {
    int i = indexOf(key);
    return i < 0 ? null : (T) keysAndValues[i + 1];
  }

  /** A copy with {@code value} under {@code key}. */
  public <T> Attributes with(AttributeKey<T> key, T value) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
    int i = indexOf(key);
    Object[] copy;
    if (i < 0) {
      copy = Arrays.copyOf(keysAndValues, keysAndValues.length + 2);
      i = keysAndValues.length;
      copy[i] = key;
    } else {
      copy = keysAndValues.clone();
    }
    copy[i + 1] = value;
    return new Attributes(copy);
  }

  /** A copy without {@code key}. */
  public Attributes without(AttributeKey<?> key) {
    int i = indexOf(key);
    if (i < 0) {
      return this;
    }
    Object[] copy = new Object[keysAndValues.length - 2];
    System.arraycopy(keysAndValues, 0, copy, 0, i);
    System.arraycopy(keysAndValues, i + 2, copy, i, copy.length - i);
    return new Attributes(copy);
  }

  private int indexOf(AttributeKey<?> key) {
    for (int i = 0; i < keysAndValues.length; i += 2) {
      if (keysAndValues[i] == key) {
        return i;
      }
    }
    return -1;
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("Attributes{");
    for (int i = 0; i < keysAndValues.length; i += 2) {
      if (i > 0) {
        sb.append(", ");
      }
      sb.append(((AttributeKey<?>) keysAndValues[i]).name())
          .append('=')
          .append(keysAndValues[i + 1]);
    }
    return sb.append('}').toString();
  }
}
