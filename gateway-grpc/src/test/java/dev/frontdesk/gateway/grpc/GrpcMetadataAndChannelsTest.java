package dev.frontdesk.gateway.grpc;

import static dev.frontdesk.gateway.grpc.GrpcTestSupport.call;
import static org.assertj.core.api.Assertions.assertThat;

import dev.frontdesk.gateway.Gateway;
import dev.frontdesk.gateway.Middlewares;
import dev.frontdesk.gateway.Request;
import dev.frontdesk.gateway.grpc.GrpcTestSupport.Answer;
import io.grpc.Metadata;
import io.grpc.ServerCredentials;
import io.grpc.TlsServerCredentials;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What reaches the service besides the message, where calls go, and who closes the channels. */
class GrpcMetadataAndChannelsTest {
  private static final Metadata.Key<String> USER =
      Metadata.Key.of("x-user-id", Metadata.ASCII_STRING_MARSHALLER);
  private static final Metadata.Key<String> TRACEPARENT =
      Metadata.Key.of("traceparent", Metadata.ASCII_STRING_MARSHALLER);
  private static final Metadata.Key<String> REQUEST_ID =
      Metadata.Key.of("x-request-id", Metadata.ASCII_STRING_MARSHALLER);
  private static final Metadata.Key<String> SECRET =
      Metadata.Key.of("x-secret", Metadata.ASCII_STRING_MARSHALLER);

  @Test
  void configuredHeadersAndTheRequestIdBecomeMetadata() throws Exception {
    try (UsersServer server = new UsersServer();
        Gateway gateway =
            Gateway.builder()
                .group(
                    "/api",
                    g ->
                        g.use(
                                Middlewares.setRequestHeader(
                                    "X-User-Id", "u-17")) // as identity forwarding does
                            .group(
                                "/users",
                                GrpcTestSupport.transcoder(server)
                                    .forwardHeaders("X-User-Id")
                                    .build()
                                    .routes()))
                .build()) {
      String traceparent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
      Answer answer =
          call(
              gateway,
              Request.builder()
                  .method("GET")
                  .target("/api/users/v1/users/1")
                  .header("traceparent", traceparent)
                  .header("X-Secret", "not for the service")
                  .build());

      assertThat(answer.status()).isEqualTo(200);
      Metadata received = server.takeHeaders();
      assertThat(received.get(USER)).isEqualTo("u-17");
      assertThat(received.get(TRACEPARENT)).isEqualTo(traceparent);
      assertThat(received.get(REQUEST_ID)).isNotBlank();
      assertThat(received.get(SECRET)).isNull();
    }
  }

  @Test
  void severalTargetsAreTakenInTurn() throws Exception {
    try (UsersServer a = new UsersServer("a");
        UsersServer b = new UsersServer("b");
        Gateway gateway =
            GrpcTestSupport.gateway(
                GrpcTranscoder.builder()
                    .descriptorSetResource(GrpcTestSupport.DESCRIPTORS)
                    .targets(a.target(), b.target())
                    .plaintext()
                    .build())) {
      List<String> names = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        names.add(
            call(gateway, Request.of("GET", "/api/v1/users/1")).json().get("name").getAsString());
      }
      assertThat(names).containsExactlyInAnyOrder("a-1", "a-1", "b-1", "b-1");
    }
  }

  @Test
  void tlsChannelTrustsTheGivenCertificates(@TempDir Path dir) throws Exception {
    HeldCertificate root =
        new HeldCertificate.Builder().certificateAuthority(0).commonName("test root").build();
    HeldCertificate cert =
        new HeldCertificate.Builder().signedBy(root).addSubjectAlternativeName("localhost").build();
    ServerCredentials tls =
        TlsServerCredentials.create(
            new ByteArrayInputStream(cert.certificatePem().getBytes(StandardCharsets.US_ASCII)),
            new ByteArrayInputStream(
                cert.privateKeyPkcs8Pem().getBytes(StandardCharsets.US_ASCII)));
    Path trust = Files.writeString(dir.resolve("root.pem"), root.certificatePem());
    try (UsersServer server = new UsersServer("tls", tls);
        Gateway gateway =
            GrpcTestSupport.gateway(
                GrpcTranscoder.builder()
                    .descriptorSetResource(GrpcTestSupport.DESCRIPTORS)
                    .target("localhost:" + server.port())
                    .tlsTrusting(trust)
                    .build());
        Gateway plaintext =
            GrpcTestSupport.gateway(
                GrpcTranscoder.builder()
                    .descriptorSetResource(GrpcTestSupport.DESCRIPTORS)
                    .target("localhost:" + server.port())
                    .plaintext()
                    .build())) {
      assertThat(
              call(gateway, Request.of("GET", "/api/v1/users/3")).json().get("name").getAsString())
          .isEqualTo("tls-3");
      assertThat(call(plaintext, Request.of("GET", "/api/v1/users/3")).status()).isEqualTo(503);
    }
  }

  @Test
  void closingTheGatewayClosesTheChannels() throws Exception {
    try (UsersServer server = new UsersServer()) {
      GrpcTranscoder transcoder = GrpcTestSupport.transcoder(server).build();
      Gateway gateway = GrpcTestSupport.gateway(transcoder);
      assertThat(call(gateway, Request.of("GET", "/api/v1/users/1")).status()).isEqualTo(200);

      gateway.close();

      // another gateway over the same (now closed) transcoder cannot call any more
      Answer after =
          call(GrpcTestSupport.gateway(transcoder), Request.of("GET", "/api/v1/users/1"));
      assertThat(after.status()).isEqualTo(503);
      assertThat(after.detail()).contains("UNAVAILABLE");
    }
  }
}
