package dev.frontdesk.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.frontdesk.gateway.testing.TestTls;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import okhttp3.OkHttpClient;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each UpstreamTls option checks its files and keys when set, with the option and the file in the
 * message.
 */
class UpstreamTlsConfigTest {
  private final TestTls tls = new TestTls();
  @TempDir Path dir;

  private Path pem(String name, String text) {
    return TestTls.write(dir, name, text);
  }

  /** The one problem the builder's build() reports, once the setter has recorded it. */
  private static String problem(java.util.function.Supplier<UpstreamTls.Builder> setters) {
    UpstreamTls.Builder builder = setters.get(); // records, does not throw
    Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(builder::build);
    assertThat(thrown).isInstanceOf(GatewayConfigException.class);
    assertThat(((GatewayConfigException) thrown).problems()).hasSize(1);
    return ((GatewayConfigException) thrown).problems().get(0);
  }

  @Test
  void aTrustFileMustExistAndHoldACertificate() {
    Path missing = dir.resolve("nope.pem");
    assertThat(problem(() -> UpstreamTls.builder().trustCertificates(missing)))
        .isEqualTo("trustCertificates: " + missing + " does not exist");
    Path key = pem("key.pem", tls.client.privateKeyPkcs8Pem());
    assertThat(problem(() -> UpstreamTls.builder().trustCertificates(key)))
        .isEqualTo("trustCertificates: " + key + " has no '-----BEGIN CERTIFICATE-----' block");
  }

  @Test
  void aBrokenCertificateIsReportedWithItsNumberAndLine() {
    Path file =
        pem(
            "ca.pem",
            tls.root.certificatePem()
                + "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n");
    int line = tls.root.certificatePem().split("\n").length + 1; // where its BEGIN line is
    assertThat(problem(() -> UpstreamTls.builder().trustCertificates(file)))
        .startsWith(
            "trustCertificates: "
                + file
                + ": certificate 2 (line "
                + line
                + ") is not a valid X.509 certificate");
    Path unterminated = pem("cut.pem", "-----BEGIN CERTIFICATE-----\nAAAA\n");
    assertThat(problem(() -> UpstreamTls.builder().trustCertificates(unterminated)))
        .isEqualTo(
            "trustCertificates: "
                + unterminated
                + " (line 1): '-----BEGIN CERTIFICATE-----' has no matching END line");
    Path notBase64 =
        pem("bad.pem", "-----BEGIN CERTIFICATE-----\n***\n-----END CERTIFICATE-----\n");
    assertThat(problem(() -> UpstreamTls.builder().trustCertificates(notBase64)))
        .startsWith("trustCertificates: " + notBase64 + " (line 1): not valid base64");
  }

  @Test
  void aPrivateKeyInALegacyOrEncryptedFormIsRefusedWithTheWayToConvertIt() {
    HeldCertificate rsa = new HeldCertificate.Builder().rsa2048().commonName("rsa-client").build();
    Path certificate = pem("rsa.crt", rsa.certificatePem());
    Path pkcs1 = pem("rsa.key", rsa.privateKeyPkcs1Pem());
    assertThat(problem(() -> UpstreamTls.builder().clientCertificate(certificate, pkcs1)))
        .isEqualTo(
            "clientCertificate: "
                + pkcs1
                + " (line 1): 'RSA PRIVATE KEY' is the legacy OpenSSL form;"
                + " convert it to PKCS #8 with 'openssl pkcs8 -topk8 -nocrypt -in rsa.key -out key.pem'");
    Path encrypted =
        pem(
            "enc.key",
            "-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----\n");
    assertThat(problem(() -> UpstreamTls.builder().clientCertificate(certificate, encrypted)))
        .startsWith("clientCertificate: " + encrypted + " (line 1): the key is encrypted;");
    Path none = pem("none.key", rsa.certificatePem());
    assertThat(problem(() -> UpstreamTls.builder().clientCertificate(certificate, none)))
        .isEqualTo("clientCertificate: " + none + " has no '-----BEGIN PRIVATE KEY-----' block");
  }

  @Test
  void aPrivateKeyThatBelongsToAnotherCertificateIsRefused() {
    Path certificate = pem("client.crt", tls.client.certificatePem());
    Path otherKey = pem("other.key", tls.localhost.privateKeyPkcs8Pem());
    assertThat(problem(() -> UpstreamTls.builder().clientCertificate(certificate, otherKey)))
        .isEqualTo(
            "clientCertificate: the private key does not belong to the certificate of 'CN=frontdesk-gateway'");
    assertThat(
            problem(
                () ->
                    UpstreamTls.builder()
                        .clientCertificate(
                            tls.localhost.keyPair().getPrivate(), tls.client.certificate())))
        .isEqualTo(
            "clientCertificate: the private key does not belong to the certificate of 'CN=frontdesk-gateway'");
  }

  @Test
  void aClientCertificateSetAgainReplacesTheFirst() {
    UpstreamTls.Builder builder =
        UpstreamTls.builder()
            .clientCertificate(tls.client.keyPair().getPrivate(), tls.client.certificate());
    assertThatCode(
            () ->
                builder
                    .clientCertificate(tls.client.keyPair().getPrivate(), tls.client.certificate())
                    .build())
        .doesNotThrowAnyException();
  }

  @Test
  void keyStoresMustHoldWhatTheyAreFor() throws Exception {
    KeyStore empty = KeyStore.getInstance("PKCS12");
    empty.load(null, null);
    assertThat(problem(() -> UpstreamTls.builder().trustStore(empty)))
        .isEqualTo("trustStore: the key store holds no X.509 certificate");
    assertThat(problem(() -> UpstreamTls.builder().clientKeyStore(empty, new char[0])))
        .isEqualTo("clientKeyStore: the key store must hold exactly one private key, it holds 0");

    KeyStore two = KeyStore.getInstance("PKCS12");
    two.load(null, null);
    char[] password = "secret".toCharArray();
    two.setKeyEntry(
        "a",
        tls.client.keyPair().getPrivate(),
        password,
        new X509Certificate[] {tls.client.certificate()});
    assertThat(problem(() -> UpstreamTls.builder().clientKeyStore(two, "wrong".toCharArray())))
        .isEqualTo("clientKeyStore: the password does not open the private key");
    two.setKeyEntry(
        "b",
        tls.localhost.keyPair().getPrivate(),
        password,
        new X509Certificate[] {tls.localhost.certificate()});
    assertThat(problem(() -> UpstreamTls.builder().clientKeyStore(two, password)))
        .startsWith(
            "clientKeyStore: the key store must hold exactly one private key, it holds 2 [");
  }

  @Test
  void upstreamTlsAndAnOwnOkHttpClientTogetherAreReportedByBuildNamingBoth() {
    UpstreamTls trust = UpstreamTls.builder().trustCertificates(tls.root.certificate()).build();
    assertThatThrownBy(
            () ->
                Gateway.builder()
                    .upstreamTls(trust)
                    .httpClient(new OkHttpClient())
                    .route("all", r -> r.path("/**").proxyTo("https://localhost:1"))
                    .build())
        .isInstanceOf(GatewayConfigException.class)
        .satisfies(
            e ->
                assertThat(((GatewayConfigException) e).problems())
                    .containsExactly(
                        "upstreamTls(...) and httpClient(...) are both set: the gateway's own client, which upstreamTls"
                            + " configures, is not used with your OkHttpClient; set TLS on that client (sslSocketFactory) instead"));
  }

  @Test
  void settingsDescribeThemselvesWithoutSecrets() {
    UpstreamTls mutual =
        UpstreamTls.builder()
            .trustCertificates(tls.root.certificate())
            .trustJdkDefaults(true)
            .clientCertificate(tls.client.keyPair().getPrivate(), tls.client.certificate())
            .build();
    assertThat(mutual)
        .hasToString(
            "UpstreamTls{trust=1 certificates and JDK defaults, client certificate=CN=frontdesk-gateway}");
    assertThat(UpstreamTls.builder().build())
        .hasToString("UpstreamTls{trust=JDK defaults, client certificate=none}");
  }
}
