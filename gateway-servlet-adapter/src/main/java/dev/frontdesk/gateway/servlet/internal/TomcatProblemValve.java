package dev.frontdesk.gateway.servlet.internal;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;

/**
 * Tomcat's error report as problem+json. Tomcat renders through its host's error report valve both
 * what its HTTP parser refuses (request line, Content-Length, chunk size, header size) and what its
 * adapter refuses (undecodable or ambiguous URIs); {@code showReport=false} and {@code
 * showServerInfo=false} on the stock valve still leave an HTML page. Public with a no-argument
 * constructor, so a {@code StandardHost} can make it from its {@code errorReportValveClass}.
 */
public final class TomcatProblemValve extends ErrorReportValve {
  @Override
  protected void report(Request request, Response response, Throwable throwable) {
    int status = response.getStatus();
    // As the stock valve: not for successes, not over a body already written, and only once.
    if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
      return;
    }
    AtomicBoolean ioAllowed = new AtomicBoolean(false);
    response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
    if (!ioAllowed.get()) {
      return; // the connection is already broken: nobody would read the problem
    }
    ContainerProblem problem = ContainerProblem.of(status);
    byte[] body = problem.body();
    try {
      response.setContentType(problem.contentType());
      response.setHeader("Cache-Control", problem.cacheControl());
      response.setContentLength(body.length);
      response.getOutputStream().write(body);
      response.finishResponse();
    } catch (IOException | IllegalStateException clientGoneOrWriterInUse) {
      // the status line still says what happened; there is nothing better to send
    }
  }
}
