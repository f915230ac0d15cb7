package dev.frontdesk.gateway;

import dev.frontdesk.gateway.internal.http.TlsMaterial;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import org.jspecify.annotations.Nullable;

/**
 * How the gateway's own upstream client speaks TLS to {@code https://} instances, for proxied
 * requests, aggregation legs and health checks alike: which certificate authorities it trusts, and
 * which client certificate it presents to an upstream that asks for one (mutual TLS). Host names
 * are always verified against the upstream's certificate (RFC 9110 §4.3.4); there is no switch to
 * turn that off.
 *
 * <pre>{@code
 * Gateway gateway = Gateway.builder()
 *     .upstreamTls(UpstreamTls.builder()
 *         .trustCertificates(Path.of("/etc/frontdesk/internal-ca.pem"))
 *         .clientCertificate(Path.of("/etc/frontdesk/gateway.crt"), Path.of("/etc/frontdesk/gateway.key"))
 *         .build())
 *     .route("orders", r -> r.path("/orders/**").proxyTo("https://orders.internal:8443"))
 *     .build();
 * }</pre>
 *
 * <p>Files are read, and keys checked against their certificates, when the option is set: a missing
 * file, a key in an unsupported form or a key that belongs to another certificate fails there, with
 * the option and the file in the message.
 */
public final class UpstreamTls {
  private final SSLContext context;
  private final List<X509Certificate> trusted;
  private final @Nullable X509Certificate clientCertificate;
  private final String description;

  private UpstreamTls(
      SSLContext context,
      List<X509Certificate> trusted,
      @Nullable X509Certificate client,
      String description) {
    this.context = context;
    this.trusted = trusted;
    this.clientCertificate = client;
    this.description = description;
  }

  /**
   * Starts TLS settings: the JDK's default trust and no client certificate until told otherwise.
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Uses {@code context} as it is, for trust and client keys managed elsewhere (a hardware module,
   * a rotating key manager). Host names are still verified.
   */
  public static UpstreamTls of(SSLContext context) {
    Objects.requireNonNull(context, "context");
    return new UpstreamTls(
        context,
        List.of(),
        null,
        "UpstreamTls{"
            + context.getProtocol()
            + " context "
            + context.getProvider().getName()
            + "}");
  }

  /**
   * The certificates trusted besides (or instead of) the JDK's; empty for the JDK's default trust
   * or a context.
   */
  public List<X509Certificate> trustedCertificates() {
    return trusted;
  }

  /** The certificate presented to upstreams that ask for one, or null when there is none. */
  public @Nullable X509Certificate clientCertificate() {
    return clientCertificate;
  }

  /** Makes the upstream client's TLS sockets. */
  SSLSocketFactory socketFactory() {
    return context.getSocketFactory();
  }

  @Override
  public String toString() {
    return description;
  }

  /**
   * Builds {@link UpstreamTls}. Trust options add up; a client certificate set again replaces the
   * first.
   */
  public static final class Builder {
    private final List<X509Certificate> trusted = new ArrayList<>();
    private boolean jdkDefaults = false;
    private @Nullable PrivateKey key;
    private @Nullable List<X509Certificate> chain;
    private final BuilderProblems problems = new BuilderProblems("");

    private Builder() {}

    /**
     * Trusts these certificates (usually your internal CA; a self-signed upstream's own certificate
     * works too). Once any certificate is trusted, the JDK's default authorities are not, unless
     * {@link #trustJdkDefaults(boolean)} says so.
     */
    public Builder trustCertificates(X509Certificate... certificates) {
      Objects.requireNonNull(certificates, "certificates");
      for (X509Certificate certificate : certificates) {
        Objects.requireNonNull(certificate, "certificates[]");
      }
      if (certificates.length == 0) {
        problems.add("trustCertificates: no certificate given");
      }
      trusted.addAll(List.of(certificates));
      return this;
    }

    /**
     * Trusts every certificate in this PEM file ({@code -----BEGIN CERTIFICATE-----} blocks), read
     * now.
     */
    public Builder trustCertificates(Path pemFile) {
      Objects.requireNonNull(pemFile, "pemFile");
      problems.check(() -> trusted.addAll(TlsMaterial.certificates(pemFile, "trustCertificates")));
      return this;
    }

    /**
     * Trusts every certificate in this key store (a Java trust store, JKS or PKCS #12), read now.
     */
    public Builder trustStore(KeyStore store) {
      Objects.requireNonNull(store, "store");
      problems.check(() -> trusted.addAll(storeCertificates(store)));
      return this;
    }

    private static List<X509Certificate> storeCertificates(KeyStore store) {
      List<X509Certificate> found = new ArrayList<>();
      try {
        for (String alias : Collections.list(store.aliases())) {
          if (store.getCertificate(alias) instanceof X509Certificate certificate) {
            found.add(certificate);
          }
        }
      } catch (GeneralSecurityException e) {
        throw new IllegalArgumentException(
            "trustStore: cannot read the key store: " + e.getMessage(), e);
      }
      if (found.isEmpty()) {
        throw new IllegalArgumentException("trustStore: the key store holds no X.509 certificate");
      }
      return found;
    }

    /**
     * Also trusts the JDK's default certificate authorities next to the ones given, for upstreams
     * with public certificates besides internal ones (off; they are trusted anyway when no
     * certificate is given).
     */
    public Builder trustJdkDefaults(boolean trust) {
      this.jdkDefaults = trust;
      return this;
    }

    /**
     * Presents this certificate to upstreams that ask for a client certificate: {@code chain}
     * starts with the certificate of {@code key}, then any intermediates.
     */
    public Builder clientCertificate(PrivateKey key, X509Certificate... chain) {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(chain, "chain");
      for (X509Certificate certificate : chain) {
        Objects.requireNonNull(certificate, "chain[]");
      }
      if (chain.length == 0) {
        problems.add("clientCertificate: the certificate chain is empty");
        return this;
      }
      return client(key, List.of(chain), "clientCertificate");
    }

    /**
     * As {@link #clientCertificate(PrivateKey, X509Certificate...)}, from PEM files read now: the
     * certificate chain (leaf first) and its unencrypted PKCS #8 key ({@code -----BEGIN PRIVATE
     * KEY-----}; {@code openssl pkcs8 -topk8 -nocrypt} converts older forms).
     */
    public Builder clientCertificate(Path certificatePem, Path privateKeyPem) {
      Objects.requireNonNull(certificatePem, "certificatePem");
      Objects.requireNonNull(privateKeyPem, "privateKeyPem");
      problems.check(
          () -> {
            List<X509Certificate> certificates =
                TlsMaterial.certificates(certificatePem, "clientCertificate");
            PrivateKey privateKey =
                TlsMaterial.privateKey(privateKeyPem, certificates.get(0), "clientCertificate");
            client(privateKey, certificates, "clientCertificate");
          });
      return this;
    }

    /**
     * As {@link #clientCertificate(PrivateKey, X509Certificate...)}, from the one private key entry
     * of a key store.
     */
    public Builder clientKeyStore(KeyStore store, char[] password) {
      Objects.requireNonNull(store, "store");
      Objects.requireNonNull(password, "password");
      problems.check(() -> readClientKeyStore(store, password));
      return this;
    }

    private void readClientKeyStore(KeyStore store, char[] password) {
      try {
        List<String> aliases = new ArrayList<>();
        for (String alias : Collections.list(store.aliases())) {
          if (store.isKeyEntry(alias)) {
            aliases.add(alias);
          }
        }
        if (aliases.size() != 1) {
          throw new IllegalArgumentException(
              "clientKeyStore: the key store must hold exactly one private key, it holds "
                  + aliases.size()
                  + (aliases.isEmpty() ? "" : " " + aliases));
        }
        String alias = aliases.get(0);
        if (!(store.getKey(alias, password) instanceof PrivateKey privateKey)) {
          throw new IllegalArgumentException(
              "clientKeyStore: entry '" + alias + "' is not a private key");
        }
        List<X509Certificate> certificates = new ArrayList<>();
        for (Certificate c :
            Objects.requireNonNullElse(store.getCertificateChain(alias), new Certificate[0])) {
          certificates.add((X509Certificate) c);
        }
        if (certificates.isEmpty()) {
          throw new IllegalArgumentException(
              "clientKeyStore: key '" + alias + "' has no certificate chain");
        }
        client(privateKey, certificates, "clientKeyStore");
      } catch (java.security.UnrecoverableKeyException e) {
        throw new IllegalArgumentException(
            "clientKeyStore: the password does not open the private key", e);
      } catch (GeneralSecurityException e) {
        throw new IllegalArgumentException(
            "clientKeyStore: cannot read the key store: " + e.getMessage(), e);
      }
    }

    private Builder client(
        PrivateKey privateKey, List<X509Certificate> certificates, String option) {
      problems.check(
          () -> {
            TlsMaterial.checkPair(privateKey, certificates.get(0), option);
            this.key = privateKey;
            this.chain = List.copyOf(certificates);
          });
      return this;
    }

    /** The mistakes recorded so far, each naming its option; {@link #build()} reports them. */
    public List<String> problems() {
      return problems.list();
    }

    /**
     * The settings, with their TLS context made now.
     *
     * @throws GatewayConfigException listing every mistake the setters recorded
     */
    public UpstreamTls build() {
      problems.throwIfAny();
      List<X509Certificate> trust = List.copyOf(trusted);
      SSLContext context = TlsMaterial.context(trust, jdkDefaults, key, chain);
      X509Certificate client = chain == null ? null : chain.get(0);
      String description =
          "UpstreamTls{trust="
              + (trust.isEmpty()
                  ? "JDK defaults"
                  : trust.size() + " certificates" + (jdkDefaults ? " and JDK defaults" : ""))
              + ", client certificate="
              + (client == null ? "none" : client.getSubjectX500Principal().getName())
              + "}";
      return new UpstreamTls(context, trust, client, description);
    }
  }
}
