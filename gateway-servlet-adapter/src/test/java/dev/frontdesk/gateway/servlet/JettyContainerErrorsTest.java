package dev.frontdesk.gateway.servlet;

/** Requests Jetty refuses itself, with {@link JettyErrors} installed. */
class JettyContainerErrorsTest extends ContainerErrorsSuite {
  @Override
  Container newContainer() {
    return JettyContainer.withProblemErrors();
  }
}
