package dev.frontdesk.gateway.grpc.internal;

import io.grpc.Channel;
import io.grpc.ChannelCredentials;
import io.grpc.ConnectivityState;
import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The channels of one transcoder. One target is one channel, which grpc-java balances itself with
 * {@code round_robin} over every address its name resolves to ({@code dns:///users:9090}). Several
 * targets are one channel each, taken in turn, passing over a channel whose connection is failing
 * while another is not. Channels connect on first use and are closed once, with the gateway.
 */
public final class Channels implements AutoCloseable {
  private final List<ManagedChannel> channels;
  private final AtomicInteger next = new AtomicInteger();
  private final AtomicBoolean closed = new AtomicBoolean();

  public Channels(List<String> targets, ChannelCredentials credentials, int maxMessageBytes) {
    List<ManagedChannel> opened = new ArrayList<>();
    for (String target : targets) {
      opened.add(
          Grpc.newChannelBuilder(target, credentials)
              .defaultLoadBalancingPolicy("round_robin")
              .maxInboundMessageSize(maxMessageBytes)
              .build());
    }
    this.channels = List.copyOf(opened);
  }

  /** The channel for the next call. */
  public Channel next() {
    int n = channels.size();
    if (n == 1) {
      return channels.get(0);
    }
    int start = Math.floorMod(next.getAndIncrement(), n);
    for (int i = 0; i < n; i++) {
      ManagedChannel channel = channels.get((start + i) % n);
      if (channel.getState(false) != ConnectivityState.TRANSIENT_FAILURE) {
        return channel;
      }
    }
    return channels.get(start);
  }

  /** Closes every channel, once: calls under way get a second to finish, then are cancelled. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    channels.forEach(ManagedChannel::shutdown);
    try {
      for (ManagedChannel channel : channels) {
        if (!channel.awaitTermination(1, TimeUnit.SECONDS)) {
          channel.shutdownNow();
        }
      }
    } catch (InterruptedException e) {
      channels.forEach(ManagedChannel::shutdownNow);
      Thread.currentThread().interrupt();
    }
  }

  public boolean isClosed() {
    return closed.get();
  }
}
