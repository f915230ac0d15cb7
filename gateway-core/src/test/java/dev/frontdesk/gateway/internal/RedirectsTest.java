package dev.frontdesk.gateway.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.frontdesk.gateway.internal.http.Origin;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RedirectsTest {

  @ParameterizedTest(name = "{0} on {1}")
  @CsvSource({
    "http://10.0.0.5:8081/x,      http://10.0.0.5:8081,     20",
    "HTTP://10.0.0.5:8081?a,      http://10.0.0.5:8081,     20",
    "http://10.0.0.5:8081,        http://10.0.0.5:8081,     20",
    "http://users/x,              http://users:80,          12",
    "http://users:80/x,           http://users,             15",
    "http://[::1]:9000/x,         http://[::1]:9000,        17",
    "http://10.0.0.5:8082/x,      http://10.0.0.5:8081,     -1",
    "https://10.0.0.5:8081/x,     http://10.0.0.5:8081,     -1",
    "http://other:8081/x,         http://10.0.0.5:8081,     -1",
    "http://10.0.0.5:8081.evil/x, http://10.0.0.5:8081,     -1",
    "/x,                          http://10.0.0.5:8081,     -1",
    "//10.0.0.5:8081/x,           http://10.0.0.5:8081,     -1",
  })
  void onlyAnAbsoluteUrlOfTheInstancesOwnSchemeHostAndPortMatches(
      String location, String instance, int pathStart) {
    assertThat(Redirects.pathStart(location, Origin.parse(instance))).isEqualTo(pathStart);
  }

  @ParameterizedTest(name = "{0} (client {2}, sent {3}, base {1})")
  @CsvSource({
    "/users/8,      '',    /api/users/7,  /users/7,        /api/users/8",
    "/,             '',    /api/users/7,  /users/7,        /api/",
    "'',            '',    /api/users/7,  /users/7,        /api",
    "/v2/users/8,   /v2,   /api/users/7,  /users/7,        /api/users/8",
    "/other,        /v2,   /api/users/7,  /users/7,        /other",
    "/v2x/users,    /v2,   /api/users/7,  /users/7,        /v2x/users",
    "/users/8,      '',    /users/7,      /users/7,        /users/8",
    "/v1/users/8,   '',    /api/users/7,  /v1/users/7,     /api/users/8",
    "/login,        '',    /api,          /,               /api/login",
    "/login,        '',    /api/,         /,               /api/login",
    "/v2?x=1,       /v2,   /a/b,          /a/b,            /?x=1",
  })
  void theUpstreamsPrefixIsReplacedByTheClients(
      String path, String base, String original, String forwarded, String expected) {
    assertThat(Redirects.restore(path, base, original, forwarded)).isEqualTo(expected);
  }
}
