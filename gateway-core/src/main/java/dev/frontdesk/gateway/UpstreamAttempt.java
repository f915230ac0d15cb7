package dev.frontdesk.gateway;

import java.util.Objects;

/**
 * One try of an upstream call, as {@link ExchangeListener} sees it.
 *
 * @param upstream the upstream's name (a route's own URL, for a route that proxies to one)
 * @param instance the instance tried, its URL as declared
 * @param number 1 for the first try, 2 for the first retry, ...
 * @param method the request method sent
 */
public record UpstreamAttempt(String upstream, String instance, int number, String method) {
  public UpstreamAttempt {
    Objects.requireNonNull(upstream, "upstream");
    Objects.requireNonNull(instance, "instance");
    Objects.requireNonNull(method, "method");
    if (number < 1) {
      throw new IllegalArgumentException("number must be at least 1: " + number);
    }
  }
}
