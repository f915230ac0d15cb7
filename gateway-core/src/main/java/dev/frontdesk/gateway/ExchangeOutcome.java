package dev.frontdesk.gateway;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How an exchange ended, as {@link ExchangeListener#finished} reports it.
 *
 * @param status the status the gateway answered with
 * @param bytesReceived the request body bytes read from the client
 * @param bytesSent the response body bytes handed to the host (the servlet adapter) for the client
 * @param nanos the time from the request's arrival to the response's close
 * @param complete whether the whole response body was delivered
 * @param failure why the body was not delivered whole ({@code "upstream broke: ..."}, {@code
 *     "closed before the end"}), null when complete
 */
public record ExchangeOutcome(
    int status,
    long bytesReceived,
    long bytesSent,
    long nanos,
    boolean complete,
    @Nullable String failure) {
  public ExchangeOutcome {
    if (status < 100 || status > 599) {
      throw new IllegalArgumentException("status must be 100..599: " + status);
    }
    if (complete && failure != null) {
      throw new IllegalArgumentException("a complete exchange has no failure");
    }
    if (!complete) {
      Objects.requireNonNull(failure, "failure");
    }
  }
}
