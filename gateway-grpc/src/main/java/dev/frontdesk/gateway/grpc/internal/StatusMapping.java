package dev.frontdesk.gateway.grpc.internal;

import dev.frontdesk.gateway.GatewayException;
import io.grpc.Status;

/**
 * The one place a gRPC status becomes an HTTP status, after the published mapping (googleapis'
 * {@code google/rpc/code.proto}, as grpc-gateway and Envoy apply it), with two deliberate changes
 * for a gateway, where the failing party is the upstream and not the gateway itself:
 *
 * <ul>
 *   <li>{@code UNKNOWN}, {@code INTERNAL} and {@code DATA_LOSS} (500 in the mapping) answer
 *       <b>502</b>: the upstream failed; Frontdesk keeps 500 for its own bugs.
 *   <li>{@code CANCELLED} (499 in the mapping, "client closed request") answers <b>502</b>: when
 *       the client really left, nobody reads the answer; a cancellation the client can see came
 *       from the upstream or something between, so it is the upstream's failure.
 * </ul>
 */
public final class StatusMapping {
  private StatusMapping() {}

  public static int httpStatus(Status.Code code) {
    return switch (code) {
      case OK -> 200;
      case INVALID_ARGUMENT, FAILED_PRECONDITION, OUT_OF_RANGE -> 400;
      case UNAUTHENTICATED -> 401;
      case PERMISSION_DENIED -> 403;
      case NOT_FOUND -> 404;
      case ALREADY_EXISTS, ABORTED -> 409;
      case RESOURCE_EXHAUSTED -> 429;
      case UNIMPLEMENTED -> 501;
      case UNAVAILABLE -> 503;
      case DEADLINE_EXCEEDED -> 504;
      case CANCELLED, UNKNOWN, INTERNAL, DATA_LOSS -> 502;
    };
  }

  /**
   * The problem the client gets: the mapped status, with the gRPC code and the upstream's status
   * message as the detail ({@code "NOT_FOUND: no user 42"}).
   */
  public static GatewayException toException(Status status, String fullMethodName) {
    String description = status.getDescription();
    String detail =
        fullMethodName
            + " answered "
            + status.getCode()
            + (description == null || description.isEmpty() ? "" : ": " + description);
    return new GatewayException(httpStatus(status.getCode()), detail)
        .withCause(status.asRuntimeException());
  }
}
