package dev.frontdesk.gateway.transform.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.frontdesk.gateway.Body;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A body is read whole within the limit, or handed back whole beyond it, whatever length it
 * declared.
 */
class BoundedReadTest {

  @ParameterizedTest(name = "{0} bytes declared as {1}, limit {2}: within {3}")
  @CsvSource({
    "10, 10, 10, true",
    "10, 10, 100, true",
    "10, -1, 10, true",
    "11, -1, 10, false",
    "6, 10, 10, true", // the stream ended before its declared length
    "15, 10, 100, true", // longer than declared, still within the limit
    "15, 10, 12, false", // longer than declared and over the limit
    "11, 10, 10, false"
  })
  void readsWithinTheLimitOrPassesEveryByteOnAndClosesTheStreamItFinished(
      int size, long declared, long limit, boolean within) throws IOException {
    byte[] content =
        "abcdefghijklmnopqrstuvwxyz".substring(0, size).getBytes(StandardCharsets.US_ASCII);
    Closing stream = new Closing(new ByteArrayInputStream(content));

    BoundedRead read = BoundedRead.of(Body.of(stream, declared), limit);

    assertThat(read.within()).isEqualTo(within);
    if (within) {
      assertThat(read.bytes()).isEqualTo(content);
      assertThat(stream.closed).isTrue();
    } else {
      assertThat(stream.closed).isFalse();
      assertThat(read.rest().contentLength()).isEqualTo(declared);
      try (InputStream rest = read.rest().stream()) {
        assertThat(rest.readAllBytes()).isEqualTo(content);
      }
    }
  }

  private static final class Closing extends FilterInputStream {
    boolean closed;

    Closing(InputStream in) {
      super(in);
    }

    @Override
    public void close() throws IOException {
      closed = true;
      super.close();
    }
  }
}
