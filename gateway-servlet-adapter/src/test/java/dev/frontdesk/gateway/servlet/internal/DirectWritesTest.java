package dev.frontdesk.gateway.servlet.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.lang.invoke.MethodHandle;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.catalina.connector.CoyoteOutputStream;
import org.eclipse.jetty.ee10.servlet.HttpOutput;
import org.junit.jupiter.api.Test;

/**
 * The adapter writes large bodies as direct buffers only to streams that take them: both supported
 * containers' streams do (when a container upgrade drops the method, the adapter silently falls
 * back to byte arrays, so this test is what notices), a stream without the method does not.
 */
class DirectWritesTest {
  @Test
  void jettysAndTomcatsOutputStreamsTakeByteBuffers() {
    assertThat(DirectWrites.writer(HttpOutput.class)).isNotNull();
    assertThat(DirectWrites.writer(CoyoteOutputStream.class)).isNotNull();
    assertThat(DirectWrites.writer(ByteArrayOutputStream.class)).isNull();
  }

  @Test
  void aDirectBufferIsWrittenThroughTheStreamsOwnMethod() throws Exception {
    Recording out = new Recording();
    MethodHandle writer = DirectWrites.writer(Recording.class);
    assertThat(writer).isNotNull();

    ByteBuffer buffer = DirectWrites.take();
    assertThat(buffer.isDirect()).isTrue();
    assertThat(buffer.capacity()).isEqualTo(DirectWrites.BUFFER_SIZE);
    buffer.put("body bytes".getBytes(StandardCharsets.US_ASCII)).flip();
    DirectWrites.write(writer, out, buffer);

    assertThat(out.received.toString(StandardCharsets.US_ASCII)).isEqualTo("body bytes");
    assertThat(out.direct).isTrue();
    assertThat(buffer.hasRemaining()).isFalse();
  }

  @Test
  void aReturnedBufferComesBackCleared() {
    ByteBuffer buffer = DirectWrites.take();
    buffer.put((byte) 1).flip();
    DirectWrites.give(buffer);
    ByteBuffer again = DirectWrites.take();
    assertThat(again.position()).isZero();
    assertThat(again.limit()).isEqualTo(again.capacity());
  }

  /** A stream with a public {@code write(ByteBuffer)}, as Servlet 6.1 streams have. */
  public static final class Recording extends OutputStream {
    final ByteArrayOutputStream received = new ByteArrayOutputStream();
    boolean direct;

    @Override
    public void write(int b) {
      received.write(b);
    }

    public void write(ByteBuffer buffer) {
      direct = buffer.isDirect();
      while (buffer.hasRemaining()) {
        received.write(buffer.get());
      }
    }
  }
}
