package dev.frontdesk.gateway;

import java.util.Objects;

/**
 * One try of an upstream call, as {@link ExchangeListener} sees it. Each try is its own object,
 * passed to both {@link ExchangeListener#attemptStarted} and {@link
 * ExchangeListener#attemptFinished}; two tries are never equal, even when aggregation legs send the
 * same request to the same instance at once, so a listener may key state by the try.
 */
public final class UpstreamAttempt {
  private final String upstream;
  private final String instance;
  private final int number;
  private final String method;

  /**
   * @param upstream the upstream's name (a route's own URL, for a route that proxies to one)
   * @param instance the instance tried, its URL as declared
   * @param number 1 for the first try, 2 for the first retry, ...
   * @param method the request method sent
   */
  public UpstreamAttempt(String upstream, String instance, int number, String method) {
    this.upstream = Objects.requireNonNull(upstream, "upstream");
    this.instance = Objects.requireNonNull(instance, "instance");
    this.method = Objects.requireNonNull(method, "method");
    if (number < 1) {
      throw new IllegalArgumentException("number must be at least 1: " + number);
    }
    this.number = number;
  }

  public String upstream() {
    return upstream;
  }

  public String instance() {
    return instance;
  }

  public int number() {
    return number;
  }

  public String method() {
    return method;
  }

  @Override
  public String toString() {
    return "UpstreamAttempt{" + upstream + " " + instance + " #" + number + " " + method + "}";
  }
}
