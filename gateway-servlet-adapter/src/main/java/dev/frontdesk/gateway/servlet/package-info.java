/**
 * Hosts a {@link dev.frontdesk.gateway.Gateway} in a Jakarta Servlet 6 container (Jetty 12 ee10,
 * Tomcat 10.1+): {@link dev.frontdesk.gateway.servlet.GatewayServlet} answers everything under its
 * mapping; {@link dev.frontdesk.gateway.servlet.GatewayFilter} answers what a route matches and
 * lets the application's own servlets answer the rest.
 */
@NullMarked
package dev.frontdesk.gateway.servlet;

import org.jspecify.annotations.NullMarked;
