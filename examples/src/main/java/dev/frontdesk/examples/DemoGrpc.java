package dev.frontdesk.examples;

import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorSet;
import com.google.protobuf.DescriptorProtos.MethodDescriptorProto;
import com.google.protobuf.DescriptorProtos.ServiceDescriptorProto;
import com.google.protobuf.Descriptors;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
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
import java.time.Duration;

/**
 * The demo's gRPC service, {@code demo.Greeter/Hello}, started in process with the other demo
 * services, and the transcoder that puts it behind {@code POST /grpc/demo.Greeter/Hello}. Its
 * protobuf descriptor is built in code (a real deployment reads the set {@code protoc
 * --descriptor_set_out} writes), so the demo needs no code generation: the server answers with
 * dynamic messages too.
 */
final class DemoGrpc {
  private static final FileDescriptorProto PROTO =
      FileDescriptorProto.newBuilder()
          .setName("demo/greeter.proto")
          .setPackage("demo")
          .setSyntax("proto3")
          .addMessageType(message("HelloRequest", "name"))
          .addMessageType(message("HelloReply", "message"))
          .addService(
              ServiceDescriptorProto.newBuilder()
                  .setName("Greeter")
                  .addMethod(
                      MethodDescriptorProto.newBuilder()
                          .setName("Hello")
                          .setInputType(".demo.HelloRequest")
                          .setOutputType(".demo.HelloReply")))
          .build();

  private DemoGrpc() {}

  /** Starts the service on a free loopback port; stop it with {@code shutdownNow()}. */
  static Server startService() throws IOException {
    Descriptors.ServiceDescriptor greeter = file().findServiceByName("Greeter");
    Descriptors.MethodDescriptor hello = greeter.findMethodByName("Hello");
    MethodDescriptor<DynamicMessage, DynamicMessage> method =
        MethodDescriptor.<DynamicMessage, DynamicMessage>newBuilder()
            .setType(MethodDescriptor.MethodType.UNARY)
            .setFullMethodName("demo.Greeter/Hello")
            .setRequestMarshaller(marshaller(hello.getInputType()))
            .setResponseMarshaller(marshaller(hello.getOutputType()))
            .build();
    Descriptors.Descriptor reply = hello.getOutputType();
    ServerServiceDefinition service =
        ServerServiceDefinition.builder("demo.Greeter")
            .addMethod(
                method,
                ServerCalls.asyncUnaryCall(
                    (request, response) -> {
                      Object name = request.getField(hello.getInputType().findFieldByName("name"));
                      response.onNext(
                          DynamicMessage.newBuilder(reply)
                              .setField(
                                  reply.findFieldByName("message"),
                                  "hello, " + name + " (from gRPC)")
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
  }

  /**
   * Routes to the service at {@code target} ({@code host:port}); the gateway closes its channel.
   */
  static GrpcTranscoder transcoder(String target) {
    return GrpcTranscoder.builder()
        .descriptorSet(FileDescriptorSet.newBuilder().addFile(PROTO).build())
        .target(target)
        .plaintext()
        .timeout(
            Duration.ofSeconds(10)) // the first call sets up the channel: slow on a busy machine
        .build();
  }

  private static DescriptorProto message(String name, String field) {
    return DescriptorProto.newBuilder()
        .setName(name)
        .addField(
            FieldDescriptorProto.newBuilder()
                .setName(field)
                .setNumber(1)
                .setType(FieldDescriptorProto.Type.TYPE_STRING)
                .setLabel(FieldDescriptorProto.Label.LABEL_OPTIONAL)
                .setJsonName(field))
        .build();
  }

  private static Descriptors.FileDescriptor file() {
    try {
      return Descriptors.FileDescriptor.buildFrom(PROTO, new Descriptors.FileDescriptor[0]);
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
