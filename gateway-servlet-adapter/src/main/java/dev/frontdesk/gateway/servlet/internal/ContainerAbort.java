package dev.frontdesk.gateway.servlet.internal;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.lang.reflect.Constructor;

/**
 * The exception that makes the container abort a committed response without logging a stack trace
 * of its own, so that an expected failure (an upstream breaking mid-body) is the adapter's one WARN
 * line. Each container treats one I/O exception type of its own as quiet: Tomcat's {@code
 * ClientAbortException}, Jetty's {@code EofException} (a {@code QuietException}); both abort the
 * connection as they do for any exception after commit. Found by name through the response's class
 * loader, so the adapter depends on neither container; elsewhere the cause itself.
 */
final class ContainerAbort {
  private static final String TOMCAT = "org.apache.catalina.connector.ClientAbortException";
  private static final String JETTY = "org.eclipse.jetty.io.EofException";

  private ContainerAbort() {}

  static IOException of(HttpServletResponse resp, IOException cause) {
    String container = resp.getClass().getName();
    String quiet =
        container.startsWith("org.apache.catalina.")
            ? TOMCAT
            : container.startsWith("org.eclipse.jetty.") ? JETTY : null;
    if (quiet == null) {
      return cause;
    }
    try {
      Class<?> type = Class.forName(quiet, false, resp.getClass().getClassLoader());
      Constructor<?> constructor = type.getConstructor(Throwable.class);
      return (IOException) constructor.newInstance(cause);
    } catch (ReflectiveOperationException | ClassCastException | LinkageError e) {
      return cause;
    }
  }
}
