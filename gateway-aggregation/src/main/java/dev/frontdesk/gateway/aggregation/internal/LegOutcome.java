package dev.frontdesk.gateway.aggregation.internal;

import com.fasterxml.jackson.databind.JsonNode;
import org.jspecify.annotations.Nullable;

/**
 * How one leg ended. On success, {@code raw} is the upstream's answer (what references and fan-out
 * read) and {@code value} the shaped one (what composition uses). {@code error} is null on success;
 * otherwise a short machine-readable type ({@code timeout}, {@code unreachable}, {@code status},
 * {@code too-large}, {@code invalid-json}, {@code unresolved}, {@code dependency}, {@code
 * too-many-items}, {@code shape}, {@code cancelled}, {@code error}) and {@code failureStatus} is
 * what the client gets if the leg was required.
 */
public record LegOutcome(
    String leg,
    @Nullable JsonNode raw,
    @Nullable JsonNode value,
    int upstreamStatus,
    long millis,
    @Nullable String error,
    int failureStatus,
    String message) {

  static LegOutcome ok(String leg, JsonNode raw, JsonNode value, int upstreamStatus, long millis) {
    return new LegOutcome(leg, raw, value, upstreamStatus, millis, null, 0, "ok");
  }

  static LegOutcome failed(
      String leg,
      int upstreamStatus,
      long millis,
      String error,
      int failureStatus,
      String message) {
    return new LegOutcome(leg, null, null, upstreamStatus, millis, error, failureStatus, message);
  }

  public boolean succeeded() {
    return error == null;
  }
}
