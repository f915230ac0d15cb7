package dev.frontdesk.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.frontdesk.gateway.internal.upstream.DnsDiscovery;
import dev.frontdesk.gateway.testing.Poller;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Instances that come and go while the gateway runs, from the SPI, a watched file and DNS. */
class DiscoveryTest extends TwoBackends {
  @TempDir Path dir;

  private static Gateway gateway(ServiceDiscovery discovery) {
    return Gateway.builder()
        .upstream(Upstream.builder("svc").discovery(discovery).build())
        .route("svc", r -> r.path("/svc/**").proxyToUpstream("svc"))
        .build();
  }

  @Test
  void instancesAddedAndRemovedThroughTheSpiApplyToTheNextRequestWithoutDroppingOnesInFlight()
      throws Exception {
    AtomicReference<ServiceDiscovery.Context> source = new AtomicReference<>();
    AtomicBoolean stopped = new AtomicBoolean();
    ServiceDiscovery discovery =
        context -> {
          source.set(context);
          context.update(List.of(Instance.of(a.url())));
          return () -> stopped.set(true);
        };
    try (Gateway gateway = gateway(discovery)) {
      assertThat(Client.get(gateway, "/svc/x").body()).isEqualTo("a");

      source.get().update(List.of(Instance.of(a.url()), Instance.of(b.url())));
      assertThat(
              List.of(Client.get(gateway, "/svc/x").body(), Client.get(gateway, "/svc/x").body()))
          .containsExactlyInAnyOrder("a", "b");

      a.hangMillis = 700;
      a.mode(Backend.Mode.HANG);
      CompletableFuture<Client> inFlight =
          CompletableFuture.supplyAsync(() -> Client.get(gateway, "/svc/slow"));
      Poller.until("the slow request reached a", Duration.ofSeconds(10), () -> a.received() == 3);
      source.get().update(List.of(Instance.of(b.url())));
      for (int i = 0; i < 4; i++) {
        assertThat(Client.get(gateway, "/svc/x").body()).isEqualTo("b");
      }

      Client slow = inFlight.get(10, TimeUnit.SECONDS);
      assertThat(slow.status()).isEqualTo(200);
      assertThat(slow.body()).isEqualTo("a");
      assertThat(a.received()).isEqualTo(3);
      assertThat(b.received()).isEqualTo(1 + 4);
    }
    assertThat(stopped).isTrue();
  }

  @Test
  void aWatchedJsonFileAddsAndRemovesInstancesWhenItChanges() throws Exception {
    Path file = dir.resolve("svc.json");
    Files.writeString(file, "{\"instances\": [\"" + a.url() + "\"]}");
    try (Gateway gateway = gateway(ServiceDiscovery.file(file, Duration.ofMillis(20)))) {
      assertThat(Client.get(gateway, "/svc/x").body()).isEqualTo("a");

      Files.writeString(
          file,
          "[{\"url\": \"" + a.url() + "\"}, {\"url\": \"" + b.url() + "\", \"zone\": \"z2\"}]");
      Poller.until(
          "b was added",
          Duration.ofSeconds(10),
          () -> Client.get(gateway, "/svc/x").body().equals("b"));

      Files.writeString(file, "[\"" + b.url() + "\"]");
      Poller.until(
          "a was removed",
          Duration.ofSeconds(10),
          () ->
              Client.get(gateway, "/svc/x").body().equals("b")
                  && Client.get(gateway, "/svc/x").body().equals("b"));
      int aBefore = a.received();
      for (int i = 0; i < 5; i++) {
        assertThat(Client.get(gateway, "/svc/x").body()).isEqualTo("b");
      }
      assertThat(a.received()).isEqualTo(aBefore);

      Files.writeString(file, "[ not json");
      for (int i = 0; i < 3; i++) {
        assertThat(Client.get(gateway, "/svc/x").body()).isEqualTo("b"); // the last good list stays
      }
    }
  }

  @Test
  void aYamlFileCarriesWeights() throws Exception {
    Path file = dir.resolve("svc.yaml");
    Files.writeString(
        file,
        "instances:\n  - url: "
            + a.url()
            + "\n    weight: 3\n  - url: "
            + b.url()
            + "\n    weight: 1\n");
    try (Gateway gateway =
        Gateway.builder()
            .upstream(
                Upstream.builder("svc")
                    .discovery(ServiceDiscovery.file(file, Duration.ofSeconds(5)))
                    .loadBalancing(LoadBalancing.weightedRoundRobin())
                    .build())
            .route("svc", r -> r.path("/svc/**").proxyToUpstream("svc"))
            .build()) {
      for (int i = 0; i < 40; i++) {
        assertThat(Client.get(gateway, "/svc/x").status()).isEqualTo(200);
      }

      assertThat(a.received()).isEqualTo(30);
      assertThat(b.received()).isEqualTo(10);
    }
  }

  @Test
  void aMissingDiscoveryFileIsReportedWhenTheGatewayIsBuilt() {
    Path missing = dir.resolve("nope.json");

    try {
      gateway(ServiceDiscovery.file(missing, Duration.ofSeconds(1))).close();
      throw new AssertionError("expected a configuration error");
    } catch (GatewayConfigException e) {
      assertThat(e.getMessage())
          .contains("upstream discovery failed to start")
          .contains("nope.json");
    }
  }

  @Test
  void dnsDiscoveryResolvesTheHostAgainEveryTtl() throws Exception {
    // Two loopback addresses with the same port stand in for two A records.
    try (Backend second = Backend.startOn(InetAddress.getByName("127.0.0.2"), a.port())) {
      AtomicReference<List<InetAddress>> records =
          new AtomicReference<>(List.of(InetAddress.getByName("127.0.0.1")));
      DnsDiscovery dns =
          new DnsDiscovery(
              "http://service.test:" + a.port() + "/",
              Duration.ofMillis(20),
              host -> {
                assertThat(host).isEqualTo("service.test");
                return records.get();
              });
      try (Gateway gateway = gateway(dns)) {
        assertThat(Client.get(gateway, "/svc/x").body()).isEqualTo("a");

        records.set(List.of(InetAddress.getByName("127.0.0.2")));
        Poller.until(
            "the new record is used",
            Duration.ofSeconds(10),
            () -> Client.get(gateway, "/svc/x").body().equals("a@127.0.0.2"));
        assertThat(second.requests.poll().getHeaders().get("Host"))
            .isEqualTo("127.0.0.2:" + a.port());
      }
    }
  }

  @Test
  void dnsDiscoveryOfLocalhostReachesTheInstance() throws Exception {
    try (Gateway gateway =
        gateway(
            ServiceDiscovery.dns("http://127.0.0.1:" + a.port() + "/", Duration.ofSeconds(30)))) {
      Client got = Client.get(gateway, "/svc/x");

      assertThat(got.status()).isEqualTo(200);
      assertThat(a.requests.take().getTarget()).isEqualTo("/svc/x");
    }
  }
}
