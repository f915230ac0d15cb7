package dev.frontdesk.gateway.ratelimit;

import dev.frontdesk.gateway.Attributes;
import dev.frontdesk.gateway.Identity;
import dev.frontdesk.gateway.Request;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Says whose bucket a request draws from: the client's address, the authenticated consumer, a
 * header's value, the route, or a combination. A null key means the resolver cannot tell, and the
 * limiter lets the request through unlimited; chain {@link #orElse} to fall back to another key.
 *
 * <pre>{@code
 * KeyResolver perConsumerPerRoute = KeyResolver.consumer().orElse(KeyResolver.clientAddress())
 *     .and(KeyResolver.route());
 * }</pre>
 *
 * <p>Keys carry a prefix naming their kind ({@code ip:}, {@code consumer:}, ...), so an API key
 * that happens to look like an address never shares that address's bucket.
 */
@FunctionalInterface
public interface KeyResolver {
  /** The key for this request, or null when this resolver has none. */
  @Nullable String resolve(Request request);

  /**
   * The client's address as the gateway established it: the peer, or the nearest untrusted address
   * in {@code X-Forwarded-For} when the peer is a configured trusted proxy. A client cannot escape
   * its limit by sending a made-up {@code X-Forwarded-For}.
   */
  static KeyResolver clientAddress() {
    return request -> {
      String address = request.attribute(Attributes.CLIENT_ADDRESS);
      return "ip:" + (address != null ? address : request.remoteAddress());
    };
  }

  /**
   * The authenticated consumer: {@link Identity#consumerId()} when set (an API key's owner, an
   * OAuth client), else the {@link Identity#subject()}. Null for unauthenticated requests.
   */
  static KeyResolver consumer() {
    return request -> {
      Identity identity = request.attribute(Attributes.IDENTITY);
      if (identity == null) {
        return null;
      }
      String consumer = identity.consumerId();
      return "consumer:" + (consumer != null ? consumer : identity.subject());
    };
  }

  /** The authenticated subject (a user), whatever consumer it comes through. */
  static KeyResolver subject() {
    return request -> {
      Identity identity = request.attribute(Attributes.IDENTITY);
      return identity == null ? null : "subject:" + identity.subject();
    };
  }

  /**
   * The value of a request header, such as {@code X-Api-Key} or {@code X-Tenant}. Null when the
   * header is absent. Only limit by a header that something before the limiter has verified, or
   * that a client gains nothing by changing.
   */
  static KeyResolver header(String name) {
    Objects.requireNonNull(name, "name");
    String prefix = "header:" + name.toLowerCase(Locale.ROOT) + ":";
    return request -> {
      String value = request.header(name);
      return value == null ? null : prefix + value;
    };
  }

  /** The matched route's id: one bucket shared by all clients of a route. */
  static KeyResolver route() {
    return request -> {
      String route = request.attribute(Attributes.ROUTE_ID);
      return route == null ? null : "route:" + route;
    };
  }

  /** One bucket for everything the limiter sees. */
  static KeyResolver global() {
    return request -> "global";
  }

  /** This key when there is one, otherwise {@code fallback}'s. */
  default KeyResolver orElse(KeyResolver fallback) {
    Objects.requireNonNull(fallback, "fallback");
    return request -> {
      String key = resolve(request);
      return key != null ? key : fallback.resolve(request);
    };
  }

  /**
   * A composite key: this key and {@code other}'s together, such as consumer plus route. Null when
   * either is null.
   */
  default KeyResolver and(KeyResolver other) {
    Objects.requireNonNull(other, "other");
    return request -> {
      String first = resolve(request);
      if (first == null) {
        return null;
      }
      String second = other.resolve(request);
      return second == null ? null : first + "|" + second;
    };
  }
}
