package dev.frontdesk.gateway.internal.upstream;

import dev.frontdesk.gateway.Attributes;
import dev.frontdesk.gateway.Identity;
import dev.frontdesk.gateway.LoadBalancing;
import dev.frontdesk.gateway.Request;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** Reads the value a consistent hash is computed from. */
@FunctionalInterface
interface HashKey {
  /** The key, or null when the request has none. */
  @Nullable String of(Request request);

  static HashKey of(LoadBalancing policy) {
    LoadBalancing.HashSource source = Objects.requireNonNull(policy.hashSource(), "hashSource");
    String name = policy.hashName();
    return switch (source) {
      case HEADER -> r -> r.header(Objects.requireNonNull(name));
      case COOKIE -> r -> cookie(r, Objects.requireNonNull(name));
      case CLIENT_IP ->
          r -> {
            String address = r.attribute(Attributes.CLIENT_ADDRESS);
            return address != null ? address : r.remoteAddress();
          };
      case CONSUMER -> HashKey::consumer;
    };
  }

  private static @Nullable String consumer(Request r) {
    Identity identity = r.attribute(Attributes.IDENTITY);
    if (identity == null) {
      return null;
    }
    String consumer = identity.consumerId();
    return consumer != null ? consumer : identity.subject();
  }

  /** A cookie's value from the Cookie header(s) (RFC 6265 §4.2.1: "name=value; name=value"). */
  private static @Nullable String cookie(Request r, String name) {
    for (String header : r.headers().values("Cookie")) {
      for (String pair : header.split(";")) {
        int eq = pair.indexOf('=');
        if (eq > 0 && pair.substring(0, eq).strip().equals(name)) {
          return pair.substring(eq + 1).strip();
        }
      }
    }
    return null;
  }
}
