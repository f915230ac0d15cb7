package dev.frontdesk.gateway.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.frontdesk.gateway.Body;
import dev.frontdesk.gateway.GatewayException;
import dev.frontdesk.gateway.internal.http.ClientBody;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.ProtocolException;
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
  void theClientsBodyBreakingIs400() throws IOException {
    InputStream resetting =
        new InputStream() {
          @Override
          public int read() throws IOException {
            throw new IOException("client reset");
          }
        };
    IOException clientFailure =
        catchThrowableOfType(
            IOException.class, () -> ClientBody.tagged(Body.of(resetting, 10)).stream().read());
    IOException e = new IOException("upstream write failed", clientFailure);

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
    assertThat(Failures.of(new ProtocolException("bad status line")).detail())
        .isEqualTo("the upstream sent a response the gateway cannot forward");
  }

  @Test
  void findFollowsCausesAndSuppressedExceptions() {
    IOException inner = new IOException("inner");
    RuntimeException outer = new RuntimeException(new IllegalStateException("middle"));
    outer.getCause().addSuppressed(inner);

    assertThat(ClientBody.find(outer, IOException.class)).isSameAs(inner);
    assertThat(ClientBody.find(outer, InterruptedIOException.class)).isNull();
  }
}
