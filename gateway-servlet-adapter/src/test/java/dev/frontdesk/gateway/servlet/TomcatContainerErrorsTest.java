package dev.frontdesk.gateway.servlet;

/** Requests Tomcat refuses itself, with {@link TomcatErrors} installed. */
class TomcatContainerErrorsTest extends ContainerErrorsSuite {
  @Override
  Container newContainer() {
    return TomcatContainer.withProblemErrors();
  }
}
