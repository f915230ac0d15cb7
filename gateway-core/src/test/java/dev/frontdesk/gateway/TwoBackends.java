package dev.frontdesk.gateway;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** Base for tests over two live backends, {@code a} and {@code b}, fresh for every test. */
abstract class TwoBackends {
  Backend a;
  Backend b;

  @BeforeEach
  void startBackends() throws Exception {
    a = Backend.start("a");
    b = Backend.start("b");
  }

  @AfterEach
  void stopBackends() {
    a.close();
    b.close();
  }
}
