package dev.frontdesk.gateway.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.frontdesk.gateway.Body;
import dev.frontdesk.gateway.GatewayException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import org.junit.jupiter.api.Test;

class FailuresTest {

  @Test
  void aBodyOverItsLimitAnywhereInTheChainIs413() {
    IOException wrapped = new IOException("stream closed", new Body.BodyTooLargeException(10));
    IOException suppressed = new IOException("broken pipe");
    suppressed.addSuppressed(new Body.BodyTooLargeException(20));

    assertThat(Failures.of(wrapped).status()).isEqualTo(413);
    assertThat(Failures.of(wrapped).detail()).isEqualTo("body exceeds the limit of 10 bytes");
    assertThat(Failures.of(suppressed).status()).isEqualTo(413);
  }

  @Test
  void theClientsBodyBreakingIs400() {
    IOException e = new IOException("upstream write failed",
        new StreamingRequestBody.ClientBodyException(new IOException("client reset")));

    GatewayException mapped = Failures.of(e);

    assertThat(mapped.status()).isEqualTo(400);
    assertThat(mapped.detail()).isEqualTo("the request body could not be read from the client");
  }

  @Test
  void aTimeoutIs504AndAnythingElse502WithTheCauseKeptForTheLog() {
    SocketTimeoutException timeout = new SocketTimeoutException("read timed out");
    ConnectException refused = new ConnectException("refused");

    assertThat(Failures.of(timeout).status()).isEqualTo(504);
    assertThat(Failures.of(new InterruptedIOException("deadline")).status()).isEqualTo(504);
    assertThat(Failures.of(refused).status()).isEqualTo(502);
    assertThat(Failures.of(refused).getCause()).isSameAs(refused);
    assertThat(Failures.of(refused).detail()).doesNotContain("refused");
  }

  @Test
  void findFollowsCausesAndSuppressedExceptions() {
    IOException inner = new IOException("inner");
    RuntimeException outer = new RuntimeException(new IllegalStateException("middle"));
    outer.getCause().addSuppressed(inner);

    assertThat(Failures.find(outer, IOException.class)).isSameAs(inner);
    assertThat(Failures.find(outer, InterruptedIOException.class)).isNull();
  }
}
