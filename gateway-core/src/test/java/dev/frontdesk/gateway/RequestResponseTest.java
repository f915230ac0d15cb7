package dev.frontdesk.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class RequestResponseTest {
  private static final AttributeKey<Integer> TENANT = AttributeKey.of("tenant");

  @Test
  void ofSplitsTheTargetIntoPathAndQuery() {
    Request request = Request.of("GET", "/api/users/7?fields=name&x");

    assertThat(request.method()).isEqualTo("GET");
    assertThat(request.path()).isEqualTo("/api/users/7");
    assertThat(request.query()).isEqualTo("fields=name&x");
    assertThat(request.target()).isEqualTo("/api/users/7?fields=name&x");
    assertThat(Request.of("GET", "/a").query()).isNull();
  }

  @Test
  void defaultsAreLocalhostHttpPort80AndAnEmptyBody() {
    Request request = Request.builder().build();

    assertThat(request.scheme()).isEqualTo("http");
    assertThat(request.host()).isEqualTo("localhost");
    assertThat(request.port()).isEqualTo(80);
    assertThat(request.remoteAddress()).isEqualTo("127.0.0.1");
    assertThat(request.body().isEmpty()).isTrue();
    assertThat(Request.builder().scheme("HTTPS").build().port()).isEqualTo(443);
  }

  @Test
  void newBuilderDerivesAChangedCopyAndLeavesTheOriginalAlone() {
    Request original = Request.builder().target("/a").header("X", "1").build();
    Request changed =
        original.newBuilder().path("/b").addHeader("x", "2").attribute(TENANT, 7).build();

    assertThat(original.path()).isEqualTo("/a");
    assertThat(original.headers().values("X")).containsExactly("1");
    assertThat(original.attribute(TENANT)).isNull();
    assertThat(changed.path()).isEqualTo("/b");
    assertThat(changed.headers().values("X")).containsExactly("1", "2");
  }

  @Test
  void attributesAreTypedAndImmutable() {
    Attributes empty = Attributes.empty();
    Attributes one = empty.with(TENANT, 42);
    AttributeKey<Integer> sameName = AttributeKey.of("tenant");

    Integer tenant = one.get(TENANT);
    assertThat(tenant).isEqualTo(42);
    assertThat(empty.get(TENANT)).isNull();
    assertThat(one.get(sameName)).as("keys compare by identity").isNull();
    assertThat(one.without(TENANT).get(TENANT)).isNull();
    assertThat(one.get(TENANT)).isEqualTo(42);
  }

  @Test
  void pathVariableReadsTheMatchedRoutesCaptures() {
    Request request =
        Request.builder().attribute(Attributes.PATH_VARIABLES, Map.of("id", "7")).build();

    assertThat(request.pathVariable("id")).isEqualTo("7");
    assertThat(request.pathVariable("other")).isNull();
    assertThat(Request.of("GET", "/").pathVariable("id")).isNull();
  }

  @Test
  void builderSettersRefuseBadInputNamingIt() {
    assertThatThrownBy(() -> Request.builder().path("api"))
        .hasMessage("path must start with '/': 'api'");
    assertThatThrownBy(() -> Request.builder().method("GE T"))
        .hasMessage("method must be a non-empty token: 'GE T'");
    assertThatThrownBy(() -> Request.builder().scheme("ftp"))
        .hasMessage("scheme must be http or https: 'ftp'");
    assertThatThrownBy(() -> Request.builder().port(0))
        .hasMessage("port must be 1..65535 or -1: 0");
    assertThatThrownBy(() -> Request.builder().body(null)).hasMessage("body");
  }

  @Test
  void responseRefusesFramingHeadersBecauseTheBodyOwnsTheLength() {
    assertThatThrownBy(() -> Response.builder().header("Content-Length", "5"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Content-Length is set from the body's length; do not set it as a header");
    assertThatThrownBy(() -> Response.builder().addHeader("transfer-encoding", "chunked"))
        .hasMessage("transfer-encoding is set from the body's length; do not set it as a header");
    assertThatThrownBy(() -> Response.builder().headers(Headers.of("Content-Length", "1")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void responseBuilderSetsTextBodiesAndDerivesCopies() {
    Response response = Response.builder().status(201).body("text/plain", "hi").build();
    Response changed = response.newBuilder().status(202).addHeader("X", "1").build();

    assertThat(response.status()).isEqualTo(201);
    assertThat(response.header("content-type")).isEqualTo("text/plain");
    assertThat(response.body().contentLength()).isEqualTo(2);
    assertThat(response.headers().contains("X")).isFalse();
    assertThat(changed.status()).isEqualTo(202);
    assertThat(changed.body().string()).isEqualTo("hi");
    assertThatThrownBy(() -> Response.builder().status(600))
        .hasMessage("status must be 100..599: 600");
  }
}
