/**
 * Hosts a {@link dev.frontdesk.gateway.Gateway} in a Jakarta Servlet 6 container (Jetty 12 ee10,
 * Tomcat 10.1+): {@link dev.frontdesk.gateway.servlet.GatewayServlet} answers everything under its
 * mapping; {@link dev.frontdesk.gateway.servlet.GatewayFilter} answers what a route matches and
 * lets the application's own servlets answer the rest. {@link
 * dev.frontdesk.gateway.servlet.JettyErrors} and {@link dev.frontdesk.gateway.servlet.TomcatErrors}
 * make what Jetty or Tomcat refuses before the gateway runs problem+json too; they alone need the
 * container's classes.
 */
@NullMarked
package dev.frontdesk.gateway.servlet;

import org.jspecify.annotations.NullMarked;
