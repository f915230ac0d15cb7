package dev.frontdesk.gateway.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TrustedProxiesTest {
  private static final TrustedProxies TRUSTED =
      TrustedProxies.of(List.of("10.0.0.0/8", "192.168.1.7", "2001:db8::/32", "::1"));

  @ParameterizedTest(name = "{0} trusted: {1}")
  @CsvSource({
    "10.0.0.1, true",
    "10.255.255.255, true",
    "11.0.0.1, false",
    "192.168.1.7, true",
    "192.168.1.8, false",
    "2001:db8:ffff::1, true",
    "[2001:db8::9], true",
    "2001:db9::1, false",
    "::1, true",
    "0:0:0:0:0:0:0:1, true",
    "127.0.0.1, false",
    "localhost, false",
    "10.0.0, false",
    "'', false",
  })
  void addressesAreMatchedAgainstAddressesAndCidrBlocksOfTheirOwnFamily(
      String address, boolean trusted) {
    assertThat(TRUSTED.contains(address)).isEqualTo(trusted);
  }

  @ParameterizedTest
  @CsvSource({
    "10.0.0.0/33, trusted proxy '10.0.0.0/33' has an invalid prefix length",
    "10.0.0.0/x, trusted proxy '10.0.0.0/x' has an invalid prefix length",
    "::/129, trusted proxy '::/129' has an invalid prefix length",
    "proxy.internal, trusted proxy 'proxy.internal' is not an IP address or CIDR block",
  })
  void badBlocksAreRefusedNamingThem(String block, String message) {
    assertThatThrownBy(() -> TrustedProxies.of(List.of(block))).hasMessage(message);
  }

  @ParameterizedTest
  @CsvSource({"10.0.0.1", "::1"})
  void noTrustedProxiesTrustNobody(String address) {
    assertThat(TrustedProxies.none().contains(address)).isFalse();
  }
}
