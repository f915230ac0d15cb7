package dev.frontdesk.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The demo run from {@code examples/demo.yaml} ({@code ./demo --config examples/demo.yaml}): every
 * request of {@link DemoTest}, the same answers. Its {@code @BeforeAll} hides DemoTest's, so the
 * inherited tests run against the gateway the file describes, with the same in-process services.
 */
class DemoFromConfigTest extends DemoTest {
  @BeforeAll
  static void startDemo() throws Exception {
    demo = Demo.startFromConfig(Path.of("demo.yaml"), "127.0.0.1", 0, 0, 0);
  }

  @Test
  void theGatewayIsReadFromTheFile() {
    assertThat(demo.config()).hasValue(Path.of("demo.yaml"));
  }
}
