package dev.frontdesk.gateway;

import java.io.IOException;

/**
 * A route's target: the last link of its chain, which turns a request into a response. The built-in
 * targets proxy to an upstream, answer with a fixed response or redirect; extension modules
 * (aggregation) supply their own.
 */
@FunctionalInterface
public interface Handler {
  Response handle(Request request) throws IOException;

  /**
   * Handles the request with the call options its chain set. Targets that call an upstream (the
   * gateway's proxy) apply them; others ignore them, which is what this default does.
   */
  default Response handle(Request request, CallOptions options) throws IOException {
    return handle(request);
  }
}
