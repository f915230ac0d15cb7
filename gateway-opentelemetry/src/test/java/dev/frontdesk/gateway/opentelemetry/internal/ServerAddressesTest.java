package dev.frontdesk.gateway.opentelemetry.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.frontdesk.gateway.opentelemetry.internal.ServerAddresses.ServerAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ServerAddressesTest {
  @ParameterizedTest
  @CsvSource({
    "http://10.0.0.5:8080,         10.0.0.5,        8080",
    "http://users.internal,        users.internal,  80",
    "https://api.example.com/v1,   api.example.com, 443",
    "http://[::1]:9000,            ::1,             9000",
    "not a url,                    ,                -1",
  })
  void hostAndPortComeFromTheInstanceUrl(String url, String host, int port) {
    assertThat(new ServerAddresses().of(url)).isEqualTo(new ServerAddress(host, port));
  }
}
