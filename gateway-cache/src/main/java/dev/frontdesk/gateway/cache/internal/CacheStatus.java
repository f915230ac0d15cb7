package dev.frontdesk.gateway.cache.internal;

import dev.frontdesk.gateway.Headers;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * RFC 9211 {@code Cache-Status} members: {@code frontdesk; hit; ttl=42} or {@code frontdesk;
 * fwd=uri-miss; stored}. This cache's member goes after those of caches nearer the origin.
 */
final class CacheStatus {
  private final StringBuilder value;

  private CacheStatus(String name) {
    this.value = new StringBuilder(48).append(name);
  }

  static CacheStatus hit(String name, long ttlSeconds) {
    return new CacheStatus(name).param("hit").param("ttl", Long.toString(ttlSeconds));
  }

  /**
   * {@code fwd} is one of RFC 9211's reasons: uri-miss, vary-miss, stale, request, method, bypass.
   */
  static CacheStatus forward(String name, String fwd, int fwdStatus) {
    return new CacheStatus(name).param("fwd", fwd).param("fwd-status", Integer.toString(fwdStatus));
  }

  CacheStatus param(String key) {
    value.append("; ").append(key);
    return this;
  }

  CacheStatus param(String key, String parameterValue) {
    value.append("; ").append(key).append('=').append(parameterValue);
    return this;
  }

  /** A {@code detail} parameter; a token such as {@code no-store} or {@code stale-if-error}. */
  CacheStatus detail(@Nullable String detail) {
    return detail == null ? this : param("detail", detail);
  }

  /** The field value: members of caches nearer the origin, then this one. */
  String after(Headers headers) {
    List<String> earlier = headers.values("Cache-Status");
    return earlier.isEmpty() ? value.toString() : String.join(", ", earlier) + ", " + value;
  }

  /**
   * The field value after {@code earlier}: the members of caches nearer the origin and ", ", or
   * empty.
   */
  String after(String earlier) {
    return earlier.isEmpty() ? value.toString() : earlier + value;
  }

  /**
   * {@code hit(name, ttlSeconds).after(earlier)} in one string, for the answer a cache gives most.
   */
  static String hitValue(String earlier, String name, long ttlSeconds) {
    return earlier + name + "; hit; ttl=" + ttlSeconds;
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
