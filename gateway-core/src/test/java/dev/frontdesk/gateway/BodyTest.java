package dev.frontdesk.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BodyTest {
  private static InputStream bytes(String s) {
    return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void aStreamedBodyGivesOutItsStreamOnceAndSaysSoTheSecondTime() throws IOException {
    Body body = Body.of(bytes("hello"), 5);

    assertThat(body.isReplayable()).isFalse();
    assertThat(body.stream().readAllBytes()).asString(StandardCharsets.UTF_8).isEqualTo("hello");
    assertThatThrownBy(body::stream)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("body stream was already consumed; a streamed body is read once");
  }

  @Test
  void aBodyFromBytesIsReplayableAndDoesNotShareTheCallersArray() throws IOException {
    byte[] source = "abc".getBytes(StandardCharsets.UTF_8);
    Body body = Body.of(source);
    source[0] = 'X';

    assertThat(body.isReplayable()).isTrue();
    assertThat(body.stream().readAllBytes()).asString(StandardCharsets.UTF_8).isEqualTo("abc");
    assertThat(body.string()).isEqualTo("abc");
    assertThat(body.contentLength()).isEqualTo(3);
  }

  @Test
  void bytesReadsAStreamOfUnknownLengthUpToTheLimit() throws IOException {
    assertThat(Body.of(bytes("12345"), -1).bytes(5)).hasSize(5);
  }

  @Test
  void bytesRefusesAnUnknownLengthStreamThatCrossesTheLimit() {
    Body body = Body.of(bytes("123456"), -1);

    assertThatThrownBy(() -> body.bytes(5))
        .isInstanceOf(Body.BodyTooLargeException.class)
        .hasMessage("body exceeds the limit of 5 bytes");
  }

  @Test
  void bytesRefusesADeclaredLengthOverTheLimitWithoutReadingIt() {
    CountingStream in = new CountingStream(bytes("123456"));
    Body body = Body.of(in, 6);

    assertThatThrownBy(() -> body.bytes(5)).isInstanceOf(Body.BodyTooLargeException.class);
    assertThat(in.reads).isZero();
    assertThat(in.closed).isTrue();
  }

  @Test
  void bytesRefusesAReplayableBodyOverTheLimit() {
    assertThatThrownBy(() -> Body.of("123456").bytes(5))
        .isInstanceOf(Body.BodyTooLargeException.class)
        .extracting(e -> ((Body.BodyTooLargeException) e).limit())
        .isEqualTo(5L);
  }

  @Test
  void emptyBodiesHaveLengthZero() {
    assertThat(Body.of("").isEmpty()).isTrue();
    assertThat(Body.of(new byte[0]).contentLength()).isZero();
    assertThat(Body.empty().string()).isEmpty();
  }

  @Test
  void aNegativeLengthOtherThanMinusOneIsRefused() {
    assertThatThrownBy(() -> Body.of(bytes(""), -2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("contentLength must be -1 (unknown) or >= 0");
  }

  @Test
  void closingAnUnreadStreamedBodyClosesItsStream() throws IOException {
    CountingStream in = new CountingStream(bytes("x"));
    Body body = Body.of(in, 1);

    body.close();

    assertThat(in.closed).isTrue();
    assertThatThrownBy(body::stream).isInstanceOf(IllegalStateException.class);
  }

  private static final class CountingStream extends java.io.FilterInputStream {
    int reads;
    boolean closed;

    CountingStream(InputStream in) {
      super(in);
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      reads++;
      return super.read(b, off, len);
    }

    @Override
    public void close() throws IOException {
      closed = true;
      super.close();
    }
  }
}
