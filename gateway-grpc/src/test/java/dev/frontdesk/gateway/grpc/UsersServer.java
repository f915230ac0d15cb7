package dev.frontdesk.gateway.grpc;

import com.google.protobuf.Message;
import dev.frontdesk.gateway.grpc.testproto.FailRequest;
import dev.frontdesk.gateway.grpc.testproto.GetUserRequest;
import dev.frontdesk.gateway.grpc.testproto.ListUsersRequest;
import dev.frontdesk.gateway.grpc.testproto.PingReply;
import dev.frontdesk.gateway.grpc.testproto.PingRequest;
import dev.frontdesk.gateway.grpc.testproto.UpdateUserRequest;
import dev.frontdesk.gateway.grpc.testproto.User;
import dev.frontdesk.gateway.grpc.testproto.UsersGrpc;
import io.grpc.InsecureServerCredentials;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerCredentials;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A real gRPC server on a random loopback port (Netty, plaintext) implementing the test proto's
 * Users service, which records what it received, MockWebServer-style: {@link #takeRequest()} and
 * {@link #takeHeaders()}.
 */
final class UsersServer implements AutoCloseable {
  private final BlockingQueue<Message> requests = new LinkedBlockingQueue<>();
  private final BlockingQueue<Metadata> headers = new LinkedBlockingQueue<>();
  private final String name;
  private final Server server;

  /** When set, ListUsers waits for it after its first message: proves the gateway streams. */
  volatile CountDownLatch holdAfterFirst;

  /** Counts down when the client cancels a ListUsers call. */
  volatile CountDownLatch streamCancelled = new CountDownLatch(1);

  UsersServer(String name) throws IOException {
    this(name, InsecureServerCredentials.create());
  }

  UsersServer(String name, ServerCredentials credentials) throws IOException {
    this.name = name;
    ServerInterceptor recordHeaders =
        new ServerInterceptor() {
          @Override
          public <Q, A> ServerCall.Listener<Q> interceptCall(
              ServerCall<Q, A> call, Metadata h, ServerCallHandler<Q, A> next) {
            headers.add(h);
            return next.startCall(call, h);
          }
        };
    this.server =
        NettyServerBuilder.forAddress(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), credentials)
            .addService(ServerInterceptors.intercept(new Service(), recordHeaders))
            .build()
            .start();
  }

  UsersServer() throws IOException {
    this("users");
  }

  int port() {
    return server.getPort();
  }

  String target() {
    return "127.0.0.1:" + server.getPort();
  }

  Message takeRequest() throws InterruptedException {
    Message m = requests.poll(5, TimeUnit.SECONDS);
    if (m == null) {
      throw new AssertionError("the gRPC server received no request");
    }
    return m;
  }

  Metadata takeHeaders() throws InterruptedException {
    Metadata m = headers.poll(5, TimeUnit.SECONDS);
    if (m == null) {
      throw new AssertionError("the gRPC server received no call");
    }
    return m;
  }

  /** Drops what earlier calls left, for a server shared by a test class. */
  void forget() {
    requests.clear();
    headers.clear();
  }

  int requestCount() {
    return requests.size();
  }

  @Override
  public void close() {
    try {
      server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private final class Service extends UsersGrpc.UsersImplBase {
    @Override
    public void getUser(GetUserRequest request, StreamObserver<User> out) {
      requests.add(request);
      if (request.getId() == 404) {
        out.onError(Status.NOT_FOUND.withDescription("no user 404").asRuntimeException());
        return;
      }
      User.Builder user =
          User.newBuilder()
              .setId(request.getId())
              .setName(name + "-" + request.getId())
              .setRole(request.getRole())
              .addAllTags(request.getFieldsList());
      if (request.getVerbose()) {
        user.setEmail("u" + request.getId() + "@example.com");
      }
      out.onNext(user.build());
      out.onCompleted();
    }

    @Override
    public void createUser(User request, StreamObserver<User> out) {
      requests.add(request);
      out.onNext(request.toBuilder().setId(request.getId() == 0 ? 42 : request.getId()).build());
      out.onCompleted();
    }

    @Override
    public void updateUser(UpdateUserRequest request, StreamObserver<User> out) {
      requests.add(request);
      out.onNext(request.getUser());
      out.onCompleted();
    }

    @Override
    public void listUsers(ListUsersRequest request, StreamObserver<User> out) {
      requests.add(request);
      ServerCallStreamObserver<User> call = (ServerCallStreamObserver<User>) out;
      CountDownLatch cancelled = streamCancelled;
      call.setOnCancelHandler(cancelled::countDown);
      if (request.getPrefix().equals("missing")) {
        out.onError(
            Status.NOT_FOUND.withDescription("no users named missing*").asRuntimeException());
        return;
      }
      try {
        for (int i = 1; i <= request.getCount(); i++) {
          if (request.getFailAfter() > 0 && i > request.getFailAfter()) {
            out.onError(
                Status.ABORTED
                    .withDescription("stopped after " + request.getFailAfter())
                    .asRuntimeException());
            return;
          }
          if (call.isCancelled()) {
            return;
          }
          out.onNext(User.newBuilder().setId(i).setName(request.getPrefix() + i).build());
          CountDownLatch hold = holdAfterFirst;
          if (i == 1 && hold != null) {
            hold.await(5, TimeUnit.SECONDS);
          }
          if (request.getDelayMs() > 0) {
            Thread.sleep(request.getDelayMs());
          }
        }
        out.onCompleted();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (io.grpc.StatusRuntimeException e) {
        // the call was cancelled while we sent
      }
    }

    @Override
    public void fail(FailRequest request, StreamObserver<User> out) {
      requests.add(request);
      try {
        Thread.sleep(request.getDelayMs());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      Status status = Status.fromCode(Status.Code.valueOf(request.getCode()));
      if (status.isOk()) {
        out.onNext(User.newBuilder().setName("ok").build());
        out.onCompleted();
      } else {
        out.onError(status.withDescription(request.getMessage()).asRuntimeException());
      }
    }

    @Override
    public void ping(PingRequest request, StreamObserver<PingReply> out) {
      requests.add(request);
      out.onNext(PingReply.newBuilder().setText("pong: " + request.getText()).build());
      out.onCompleted();
    }
  }
}
