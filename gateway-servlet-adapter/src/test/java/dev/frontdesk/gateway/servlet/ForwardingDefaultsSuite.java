package dev.frontdesk.gateway.servlet;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;

import dev.frontdesk.gateway.Middlewares;
import java.net.Socket;
import java.net.http.HttpResponse;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The secure defaults at the edge on every container (issue 11, Forwarding): client-IP fields a
 * client sends, {@code Via}, header names with underscores and upstream redirects, each asserted on
 * what the client got and what the upstream received.
 *
 * <p>Neither container drops or refuses an underscored header name ({@code _} is a token character,
 * RFC 9110 §5.6.2): Jetty 12 and Tomcat 10.1 with their defaults pass {@code X_User_Id} to the
 * servlet as sent, which {@link #allowUnderscoresInHeadersLetsThemThrough} proves, so the gateway's
 * own rule is what removes them.
 */
abstract class ForwardingDefaultsSuite extends ServletFixture {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "X-Real-IP",
        "True-Client-IP",
        "X-Client-IP",
        "X-Cluster-Client-IP",
        "CF-Connecting-IP",
        "Fastly-Client-IP"
      })
  void clientIpHeadersFromAnUntrustedClientNeverReachTheUpstream(String name) throws Exception {
    upstream.enqueue(new MockResponse.Builder().body("ok").build());

    HttpResponse<String> response = get("/api/who", name, "6.6.6.6");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("ok");
    RecordedRequest recorded = upstream.takeRequest();
    assertThat(recorded.getHeaders().get(name)).isNull();
    assertThat(recorded.getHeaders().get("X-Forwarded-For")).isEqualTo("127.0.0.1");
  }

  @Test
  void clientIpHeadersFromATrustedProxyPass() throws Exception {
    use(
        b ->
            b.trustedProxies("127.0.0.1/32")
                .route("api", r -> r.path("/api/**").proxyTo(upstream.url("/").toString())));
    upstream.enqueue(new MockResponse.Builder().body("ok").build());

    HttpResponse<String> response =
        get("/api/who", "X-Real-IP", "203.0.113.9", "CF-Connecting-IP", "203.0.113.9");

    assertThat(response.statusCode()).isEqualTo(200);
    RecordedRequest recorded = upstream.takeRequest();
    assertThat(recorded.getHeaders().get("X-Real-IP")).isEqualTo("203.0.113.9");
    assertThat(recorded.getHeaders().get("CF-Connecting-IP")).isEqualTo("203.0.113.9");
  }

  @Test
  void realIpHeaderIsTheClientAddressTheGatewayDetermined() throws Exception {
    use(
        b ->
            b.realIpHeader(true)
                .route("api", r -> r.path("/api/**").proxyTo(upstream.url("/").toString())));
    upstream.enqueue(new MockResponse.Builder().body("ok").build());

    HttpResponse<String> response = get("/api/who", "X-Real-IP", "6.6.6.6");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(upstream.takeRequest().getHeaders().values("X-Real-IP"))
        .containsExactly("127.0.0.1");
  }

  @Test
  void viaIsAppendedInBothDirections() throws Exception {
    upstream.enqueue(
        new MockResponse.Builder().addHeader("Via", "1.1 upstream-proxy").body("ok").build());

    RawHttp.Reply reply = RawHttp.send(container.port(), "GET", "/api/via", "Via: 1.1 cdn");

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.values("Via")).containsExactly("1.1 upstream-proxy, 1.1 frontdesk");
    assertThat(upstream.takeRequest().getHeaders().values("Via"))
        .containsExactly("1.1 cdn, 1.1 frontdesk");
  }

  /** The version in Via is the one the client's hop spoke: the adapter passes the container's. */
  @Test
  void viaNamesTheProtocolVersionTheClientSpoke() throws Exception {
    upstream.enqueue(new MockResponse.Builder().body("ok").build());

    RawHttp.Reply reply;
    try (Socket socket = new Socket("127.0.0.1", container.port())) {
      socket.setSoTimeout(10_000);
      socket
          .getOutputStream()
          .write("GET /api/old HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n".getBytes(ISO_8859_1));
      socket.getOutputStream().flush();
      reply = RawHttp.Reply.parse(socket.getInputStream().readAllBytes());
    }

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.values("Via"))
        .as("the upstream answered over HTTP/1.1")
        .containsExactly("1.1 frontdesk");
    assertThat(upstream.takeRequest().getHeaders().values("Via")).containsExactly("1.0 frontdesk");
  }

  @Test
  void viaCanBeRenamedOrTurnedOff() throws Exception {
    use(
        b ->
            b.via("edge-eu1")
                .route("api", r -> r.path("/api/**").proxyTo(upstream.url("/").toString())));
    upstream.enqueue(new MockResponse.Builder().body("ok").build());
    assertThat(RawHttp.send(container.port(), "GET", "/api/via").values("Via"))
        .containsExactly("1.1 edge-eu1");
    assertThat(upstream.takeRequest().getHeaders().values("Via")).containsExactly("1.1 edge-eu1");

    use(b -> b.noVia().route("api", r -> r.path("/api/**").proxyTo(upstream.url("/").toString())));
    upstream.enqueue(new MockResponse.Builder().body("ok").build());
    assertThat(RawHttp.send(container.port(), "GET", "/api/via", "Via: 1.1 cdn").values("Via"))
        .isEmpty();
    assertThat(upstream.takeRequest().getHeaders().values("Via")).containsExactly("1.1 cdn");
  }

  @Test
  void theGatewaysOwnAnswersCarryNoVia() throws Exception {
    RawHttp.Reply reply = RawHttp.send(container.port(), "GET", "/no-route");

    assertThat(reply.status()).isEqualTo(404);
    assertThat(reply.values("Via")).isEmpty();
  }

  @Test
  void headerNamesWithUnderscoresAreDroppedByDefault() throws Exception {
    upstream.enqueue(new MockResponse.Builder().body("ok").build());

    RawHttp.Reply reply =
        RawHttp.send(
            container.port(),
            "GET",
            "/api/me",
            "X_User_Id: admin",
            "X-User_Role: root",
            "X-Kept: yes");

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.bodyText()).isEqualTo("ok");
    RecordedRequest recorded = upstream.takeRequest();
    assertThat(recorded.getHeaders().get("X_User_Id")).isNull();
    assertThat(recorded.getHeaders().get("X-User_Role")).isNull();
    assertThat(recorded.getHeaders().get("X-Kept")).isEqualTo("yes");
  }

  @Test
  void allowUnderscoresInHeadersLetsThemThrough() throws Exception {
    use(
        b ->
            b.allowUnderscoresInHeaders(true)
                .route("api", r -> r.path("/api/**").proxyTo(upstream.url("/").toString())));
    upstream.enqueue(new MockResponse.Builder().body("ok").build());

    RawHttp.Reply reply = RawHttp.send(container.port(), "GET", "/api/me", "X_Legacy_Token: t-1");

    assertThat(reply.status()).isEqualTo(200);
    assertThat(upstream.takeRequest().getHeaders().get("X_Legacy_Token")).isEqualTo("t-1");
  }

  @Test
  void anUpstreamsRedirectToItselfComesBackToTheGatewayWithThePrefixRestored() throws Exception {
    use(
        b ->
            b.route(
                "users",
                r ->
                    r.path("/api/users/**")
                        .use(Middlewares.stripPrefix(1))
                        .proxyTo(upstream.url("/").toString())));
    String self = upstream.url("/users/8").toString();
    upstream.enqueue(
        new MockResponse.Builder()
            .code(302)
            .addHeader("Location", self)
            .addHeader("Content-Location", self)
            .build());

    HttpResponse<String> response = get("/api/users/7");

    assertThat(response.statusCode()).isEqualTo(302);
    String gateway = "http://127.0.0.1:" + container.port();
    assertThat(response.headers().allValues("Location")).containsExactly(gateway + "/api/users/8");
    assertThat(response.headers().allValues("Content-Location"))
        .containsExactly(gateway + "/api/users/8");
    assertThat(upstream.takeRequest().getTarget()).isEqualTo("/users/7");
  }

  @Test
  void relativeRedirectsAndOtherHostsAreLeftAlone() throws Exception {
    upstream.enqueue(
        new MockResponse.Builder().code(303).addHeader("Location", "/api/next").build());
    upstream.enqueue(
        new MockResponse.Builder()
            .code(307)
            .addHeader("Location", "https://login.example/x")
            .build());

    assertThat(get("/api/a").headers().allValues("Location")).containsExactly("/api/next");
    assertThat(get("/api/b").headers().allValues("Location"))
        .containsExactly("https://login.example/x");
    assertThat(upstream.takeRequest().getTarget()).isEqualTo("/api/a");
    assertThat(upstream.takeRequest().getTarget()).isEqualTo("/api/b");
  }

  @Test
  void rewriteRedirectsOffPassesTheUpstreamsLocationAsIs() throws Exception {
    use(
        b ->
            b.route(
                "api",
                r ->
                    r.path("/api/**")
                        .rewriteRedirects(false)
                        .proxyTo(upstream.url("/").toString())));
    String self = upstream.url("/api/elsewhere").toString();
    upstream.enqueue(new MockResponse.Builder().code(302).addHeader("Location", self).build());

    assertThat(get("/api/x").headers().allValues("Location")).containsExactly(self);
    assertThat(upstream.takeRequest().getTarget()).isEqualTo("/api/x");
  }
}
