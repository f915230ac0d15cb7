package dev.frontdesk.gateway.servlet;

import dev.frontdesk.gateway.testing.ModuleConventions;

/** Frontdesk's module boundaries and API-surface rules, applied to gateway-servlet-adapter. */
class ServletConventionsTest extends ModuleConventions {
  ServletConventionsTest() {
    super(Role.EXTENSION);
    allowsInApi("jakarta.servlet.*", "jakarta.servlet.http.*"); // it is a servlet and a filter
    // the one-line error setup takes the container it installs into, on purpose
    allowsInApi("org.eclipse.jetty.server.Server", "org.apache.catalina.startup.Tomcat");
  }
}
