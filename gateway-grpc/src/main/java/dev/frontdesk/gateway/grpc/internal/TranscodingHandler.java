package dev.frontdesk.gateway.grpc.internal;

import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.frontdesk.gateway.Body;
import dev.frontdesk.gateway.CallOptions;
import dev.frontdesk.gateway.GatewayException;
import dev.frontdesk.gateway.Handler;
import dev.frontdesk.gateway.Request;
import dev.frontdesk.gateway.Response;
import io.grpc.Channel;
import io.grpc.ClientInterceptors;
import io.grpc.Context;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;
import java.io.IOException;
import java.time.Duration;
import java.util.Iterator;
import java.util.concurrent.TimeUnit;

/**
 * The target of one transcoded route: reads the request message, calls the method with the
 * request's deadline and metadata, and writes the answer as JSON. Closing it closes the
 * transcoder's channels (once, whichever of its routes the gateway closes first).
 */
public final class TranscodingHandler implements Handler, AutoCloseable {
  private static final String NDJSON = "application/x-ndjson";

  private final Binding binding;
  private final io.grpc.MethodDescriptor<DynamicMessage, DynamicMessage> method;
  private final Transcoding shared;

  public TranscodingHandler(Binding binding, Transcoding shared) {
    this.binding = binding;
    this.method = DynamicMarshaller.method(binding.method());
    this.shared = shared;
  }

  @Override
  public Response handle(Request request) throws IOException {
    return handle(request, CallOptions.none());
  }

  @Override
  public Response handle(Request request, CallOptions options) throws IOException {
    DynamicMessage message = shared.messages().read(binding, request);
    io.grpc.CallOptions call =
        io.grpc.CallOptions.DEFAULT.withDeadlineAfter(
            deadline(options).toNanos(), TimeUnit.NANOSECONDS);
    Channel channel =
        ClientInterceptors.intercept(
            shared.channels().next(),
            MetadataUtils.newAttachHeadersInterceptor(shared.metadata().from(request)));
    return binding.streaming()
        ? stream(request, channel, call, message)
        : unary(channel, call, message);
  }

  private Response unary(Channel channel, io.grpc.CallOptions call, DynamicMessage message) {
    DynamicMessage reply;
    try {
      reply = ClientCalls.blockingUnaryCall(channel, method, call, message);
    } catch (StatusRuntimeException e) {
      throw StatusMapping.toException(e.getStatus(), method.getFullMethodName());
    }
    return Response.builder().status(200).body("application/json", print(reply)).build();
  }

  /** Waits for the first message (or the end, or a failure, which still gets its own status). */
  private Response stream(
      Request request, Channel channel, io.grpc.CallOptions call, DynamicMessage message) {
    boolean ndjson = wantsNdjson(request);
    Context.CancellableContext context = Context.current().withCancellation();
    Context previous = context.attach();
    try {
      Iterator<DynamicMessage> messages =
          ClientCalls.blockingServerStreamingCall(channel, method, call, message);
      messages.hasNext();
      JsonStream body =
          new JsonStream(messages, shared.printer(), ndjson, context, method.getFullMethodName());
      return Response.builder()
          .status(200)
          .header("Content-Type", ndjson ? NDJSON : "application/json")
          .body(Body.of(body, -1))
          .build();
    } catch (StatusRuntimeException e) {
      context.cancel(e);
      throw StatusMapping.toException(e.getStatus(), method.getFullMethodName());
    } catch (RuntimeException e) {
      context.cancel(e);
      throw e;
    } finally {
      context.detach(previous);
    }
  }

  /** The shortest of the transcoder's timeout and any deadline the route's middleware set. */
  private Duration deadline(CallOptions options) {
    Duration deadline = shared.timeout();
    for (Duration d :
        new Duration[] {options.deadline(), options.callTimeout(), options.tryTimeout()}) {
      if (d != null && d.compareTo(deadline) < 0) {
        deadline = d;
      }
    }
    return deadline;
  }

  private static boolean wantsNdjson(Request request) {
    String accept = request.header("Accept");
    return accept != null && accept.toLowerCase(java.util.Locale.ROOT).contains(NDJSON);
  }

  private String print(DynamicMessage reply) {
    try {
      return shared.printer().print(reply);
    } catch (InvalidProtocolBufferException e) {
      throw GatewayException.badGateway(
              method.getFullMethodName() + " answered a message that cannot be written as JSON")
          .withCause(e);
    }
  }

  @Override
  public void close() {
    shared.channels().close();
  }

  @Override
  public String toString() {
    return "grpc(" + method.getFullMethodName() + ")";
  }
}
