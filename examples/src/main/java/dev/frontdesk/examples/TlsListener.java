package dev.frontdesk.examples;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.Collections;
import java.util.Objects;
import okhttp3.tls.HeldCertificate;

/**
 * An HTTPS listener for the embedding examples: its port and the server's certificate and key, from
 * a key store file or made at start for a demo. {@link EmbedInJetty} and {@link EmbedInTomcat}
 * serve HTTP/2 (ALPN {@code h2}) and HTTP/1.1 on it.
 *
 * <pre>{@code
 * TlsListener tls = TlsListener.keyStore(8443, Path.of("/etc/frontdesk/server.p12"), password);
 * TlsListener demo = TlsListener.selfSigned(8443); // for localhost; clients must trust it (curl -k)
 * }</pre>
 */
public final class TlsListener {
  private final int port;
  private final KeyStore keyStore;
  private final char[] password;
  private final String alias;
  private final X509Certificate certificate;

  private TlsListener(int port, KeyStore keyStore, char[] password) {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("TLS port must be between 0 and 65535: " + port);
    }
    this.port = port;
    this.keyStore = keyStore;
    this.password = password.clone();
    try {
      this.alias =
          Collections.list(keyStore.aliases()).stream()
              .filter(a -> isKey(keyStore, a))
              .findFirst()
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "the key store holds no private key for the server"));
      this.certificate = (X509Certificate) keyStore.getCertificate(alias);
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("cannot read the key store: " + e.getMessage(), e);
    }
  }

  /**
   * A listener on {@code port} (0 picks a free one) serving the first private key in a PKCS #12 or
   * JKS file.
   */
  public static TlsListener keyStore(int port, Path file, char[] password) {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(password, "password");
    try {
      return new TlsListener(port, KeyStore.getInstance(file.toFile(), password), password);
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalArgumentException(
          "cannot open key store " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * A listener on {@code port} with a self-signed certificate for {@code localhost} and {@code
   * 127.0.0.1}, made now and never written to disk: for demos and tests only, since no client
   * trusts it unless told to.
   */
  public static TlsListener selfSigned(int port) {
    HeldCertificate held =
        new HeldCertificate.Builder()
            .commonName("localhost")
            .addSubjectAlternativeName("localhost")
            .addSubjectAlternativeName("127.0.0.1")
            .build();
    char[] password = "frontdesk-demo".toCharArray(); // protects an in-memory store only
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setKeyEntry(
          "server",
          held.keyPair().getPrivate(),
          password,
          new X509Certificate[] {held.certificate()});
      return new TlsListener(port, store, password);
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("the JDK cannot hold a generated key: " + e.getMessage(), e);
    }
  }

  private static boolean isKey(KeyStore store, String alias) {
    try {
      return store.isKeyEntry(alias);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  /** The port asked for; 0 means a free one, see the container's own port lookup. */
  public int port() {
    return port;
  }

  /** The key store holding the server's key and certificate chain. */
  public KeyStore keyStore() {
    return keyStore;
  }

  /** The password of the key store and of its key. */
  public char[] password() {
    return password.clone();
  }

  /** The alias of the server's key in {@link #keyStore()}. */
  public String alias() {
    return alias;
  }

  /** The server's certificate: what a client must trust to talk to a self-signed listener. */
  public X509Certificate certificate() {
    return certificate;
  }
}
