package dev.frontdesk.gateway.servlet.internal;

import dev.frontdesk.gateway.GatewayException;
import dev.frontdesk.gateway.Response;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The problem a client gets when the servlet container refuses a request before the gateway runs (a
 * malformed request line, conflicting Content-Length, oversized headers...): the gateway's own
 * problem+json, through {@link GatewayException#toResponse}, so that every error has one shape. It
 * has no request id (the gateway never ran) and no {@code instance}: the container may not have
 * parsed a path it could trust. The detail is generic on purpose: the container's own reason names
 * its parser and, through its wording, the product.
 */
public final class ContainerProblem {
  private static final int LIMIT = 4096;

  private final int status;
  private final String contentType;
  private final String cacheControl;
  private final byte[] body;

  private ContainerProblem(int status, Response response) {
    this.status = status;
    this.contentType = header(response, "Content-Type");
    this.cacheControl = header(response, "Cache-Control");
    try (response) {
      this.body = response.body().bytes(LIMIT);
    } catch (IOException impossible) { // the body is in memory
      throw new UncheckedIOException(impossible);
    }
  }

  /** The problem for the container's {@code status}; anything outside 400..599 is a 500. */
  public static ContainerProblem of(int status) {
    int error = status >= 400 && status <= 599 ? status : 500;
    String detail =
        error < 500
            ? "the server refused the request as it was sent, before routing it"
            : "the server could not complete the request";
    return new ContainerProblem(error, new GatewayException(error, detail).toResponse(null, null));
  }

  private static String header(Response response, String name) {
    String value = response.header(name);
    if (value == null) {
      throw new IllegalStateException("a problem response without " + name);
    }
    return value;
  }

  public int status() {
    return status;
  }

  public String contentType() {
    return contentType;
  }

  public String cacheControl() {
    return cacheControl;
  }

  /** The JSON body; a copy, so that a caller cannot change the next client's answer. */
  public byte[] body() {
    return body.clone();
  }
}
