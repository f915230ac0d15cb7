package dev.frontdesk.gateway.grpc.internal;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import io.grpc.MethodDescriptor.Marshaller;
import io.grpc.Status;
import java.io.IOException;
import java.io.InputStream;

/** Messages of a type known only from its descriptor, to and from the wire. */
final class DynamicMarshaller implements Marshaller<DynamicMessage> {
  private final Descriptor type;

  DynamicMarshaller(Descriptor type) {
    this.type = type;
  }

  @Override
  public InputStream stream(DynamicMessage value) {
    return value.toByteString().newInput();
  }

  @Override
  public DynamicMessage parse(InputStream stream) {
    try {
      return DynamicMessage.parseFrom(type, stream);
    } catch (InvalidProtocolBufferException e) {
      throw Status.INTERNAL
          .withDescription("upstream sent a message that is not a valid " + type.getFullName())
          .withCause(e)
          .asRuntimeException();
    } catch (IOException e) {
      throw Status.INTERNAL
          .withDescription("reading " + type.getFullName() + " failed")
          .withCause(e)
          .asRuntimeException();
    }
  }

  /** The grpc-java descriptor of a unary or server-streaming method. */
  static io.grpc.MethodDescriptor<DynamicMessage, DynamicMessage> method(
      com.google.protobuf.Descriptors.MethodDescriptor method) {
    return io.grpc.MethodDescriptor.<DynamicMessage, DynamicMessage>newBuilder()
        .setType(
            method.isServerStreaming()
                ? io.grpc.MethodDescriptor.MethodType.SERVER_STREAMING
                : io.grpc.MethodDescriptor.MethodType.UNARY)
        .setFullMethodName(
            io.grpc.MethodDescriptor.generateFullMethodName(
                method.getService().getFullName(), method.getName()))
        .setRequestMarshaller(new DynamicMarshaller(method.getInputType()))
        .setResponseMarshaller(new DynamicMarshaller(method.getOutputType()))
        .build();
  }
}
