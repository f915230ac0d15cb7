package dev.frontdesk.gateway.servlet.internal;

import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's error page as problem+json: whatever the client's {@code Accept}, with no URI, message,
 * cause or "Powered by" line. Jetty calls it for requests its parser refuses (bad request line,
 * Content-Length, chunk size, header size, upgrade headers) and for ambiguous URIs its context
 * refuses; the status is the one Jetty chose.
 */
public final class JettyProblemHandler extends ErrorHandler {
  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    int status = response.getStatus();
    if (request.getAttribute(ERROR_EXCEPTION) instanceof HttpException refusal) {
      status = refusal.getCode(); // as Jetty's own handler: the parser's status wins
    }
    ContainerProblem problem = ContainerProblem.of(status);
    response.setStatus(problem.status());
    HttpFields.Mutable headers = response.getHeaders();
    headers.put(HttpHeader.CONTENT_TYPE, problem.contentType());
    headers.put(HttpHeader.CACHE_CONTROL, problem.cacheControl());
    if (HttpMethod.HEAD.is(request.getMethod()) || HttpStatus.hasNoBody(problem.status())) {
      callback.succeeded();
      return true;
    }
    byte[] body = problem.body();
    headers.put(HttpHeader.CONTENT_LENGTH, body.length);
    response.write(true, ByteBuffer.wrap(body), callback);
    return true;
  }
}
