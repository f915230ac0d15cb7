package dev.frontdesk.gateway.servlet;

import jakarta.servlet.Filter;
import jakarta.servlet.Servlet;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A real servlet container on a random loopback port, so that one integration suite runs unchanged
 * on Jetty and on Tomcat. Containers keep their default settings (Date and Server headers
 * included): the suite proves the adapter behaves with what users actually get.
 */
interface Container extends AutoCloseable {
  /**
   * Starts the container in the root context with {@code servlets} (mapping to servlet) and, when
   * {@code filter} is not null, that filter on {@code /*} for REQUEST dispatches.
   */
  void start(Map<String, Servlet> servlets, @Nullable Filter filter) throws Exception;

  /** The port the container listens on. */
  int port();

  /** Stops the container; failures to stop are unchecked, as a test cannot recover from them. */
  @Override
  void close();
}
