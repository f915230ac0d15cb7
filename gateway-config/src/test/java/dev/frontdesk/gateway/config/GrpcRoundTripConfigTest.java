package dev.frontdesk.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.DescriptorProtos.FileDescriptorSet;
import com.google.protobuf.Descriptors;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.frontdesk.gateway.Body;
import dev.frontdesk.gateway.Gateway;
import dev.frontdesk.gateway.Request;
import dev.frontdesk.gateway.grpc.GrpcTranscoder;
import io.grpc.InsecureServerCredentials;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.ServerCalls;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A {@code grpc:} entry answers as the {@link GrpcTranscoder} code it stands for, against a real
 * gRPC server (grpc-java over Netty) serving the descriptor set in {@code greeter.pb}.
 */
class GrpcRoundTripConfigTest {
  private static final Path DESCRIPTOR_SET = Path.of("src/test/resources/greeter.pb");
  private static final String CONFIG =
      """
      routes:
        - grpc:
            prefix: /grpc
            descriptorSet: greeter.pb
            services: [demo.Greeter]
            target: ${env:TARGET}
            plaintext: true
            timeout: 10s
            forwardHeaders: [X-User-Id]
            maxMessageSize: 64KiB
      """;

  private final Server server = start();
  private final String target = "127.0.0.1:" + server.getPort();
  private final Gateway fromConfig = SameAnswers.fromConfig(CONFIG, Map.of("TARGET", target));
  private final Gateway fromCode =
      Gateway.builder()
          .group(
              "/grpc",
              GrpcTranscoder.builder()
                  .descriptorSet(DESCRIPTOR_SET)
                  .services("demo.Greeter")
                  .target(target)
                  .plaintext()
                  .timeout(Duration.ofSeconds(10))
                  .forwardHeaders("X-User-Id")
                  .maxMessageSize(64 << 10)
                  .build()
                  .routes())
          .build();

  @AfterEach
  void close() {
    fromConfig.close();
    fromCode.close();
    server.shutdownNow();
  }

  @Test
  void grpcRoutesAnswerAsTheirBuilderCode() {
    List<String> answers =
        SameAnswers.assertSameAnswers(
            fromCode,
            fromConfig,
            List.of(
                post("/grpc/demo.Greeter/Hello", "{\"name\":\"ada\"}"),
                post("/grpc/demo.Greeter/Hello", "{\"nome\":\"ada\"}"),
                post("/grpc/demo.Greeter/Hello", "not json"),
                Request.of("GET", "/grpc/demo.Greeter/Hello"),
                post("/grpc/demo.Greeter/Goodbye", "{}")));

    assertThat(answers.get(0)).startsWith("200").contains("hello, ada");
    assertThat(answers.get(1)).startsWith("400");
  }

  private static Request post(String target, String json) {
    return Request.builder()
        .method("POST")
        .target(target)
        .header("Content-Type", "application/json")
        .body(Body.of(json))
        .build();
  }

  /** The greeter of {@code greeter.pb}, answering with dynamic messages. */
  private static Server start() {
    try {
      FileDescriptorSet set = FileDescriptorSet.parseFrom(Files.readAllBytes(DESCRIPTOR_SET));
      Descriptors.FileDescriptor file =
          Descriptors.FileDescriptor.buildFrom(set.getFile(0), new Descriptors.FileDescriptor[0]);
      Descriptors.MethodDescriptor hello =
          file.findServiceByName("Greeter").findMethodByName("Hello");
      Descriptors.Descriptor reply = hello.getOutputType();
      MethodDescriptor<DynamicMessage, DynamicMessage> method =
          MethodDescriptor.<DynamicMessage, DynamicMessage>newBuilder()
              .setType(MethodDescriptor.MethodType.UNARY)
              .setFullMethodName("demo.Greeter/Hello")
              .setRequestMarshaller(marshaller(hello.getInputType()))
              .setResponseMarshaller(marshaller(reply))
              .build();
      ServerServiceDefinition service =
          ServerServiceDefinition.builder("demo.Greeter")
              .addMethod(
                  method,
                  ServerCalls.asyncUnaryCall(
                      (request, response) -> {
                        Object name =
                            request.getField(hello.getInputType().findFieldByName("name"));
                        response.onNext(
                            DynamicMessage.newBuilder(reply)
                                .setField(reply.findFieldByName("message"), "hello, " + name)
                                .build());
                        response.onCompleted();
                      }))
              .build();
      return NettyServerBuilder.forAddress(
              new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
              InsecureServerCredentials.create())
          .addService(service)
          .build()
          .start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (Descriptors.DescriptorValidationException e) {
      throw new IllegalStateException(e);
    }
  }

  private static MethodDescriptor.Marshaller<DynamicMessage> marshaller(
      Descriptors.Descriptor type) {
    return new MethodDescriptor.Marshaller<>() {
      @Override
      public InputStream stream(DynamicMessage value) {
        return value.toByteString().newInput();
      }

      @Override
      public DynamicMessage parse(InputStream stream) {
        try {
          return DynamicMessage.parseFrom(type, stream);
        } catch (InvalidProtocolBufferException e) {
          throw new IllegalArgumentException(e);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    };
  }
}
