package dev.frontdesk.gateway.internal.http;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.jspecify.annotations.Nullable;

/**
 * Reads certificates and keys from PEM (RFC 7468) and assembles the {@link SSLContext} of the
 * upstream client. Every failure is an {@link IllegalArgumentException} whose message starts with
 * the option and the file it concerns, and says which block and line, so a bad file is found
 * without a debugger.
 */
public final class TlsMaterial {
  /** Protects the in-memory key store only; it is never written anywhere. */
  private static final char[] IN_MEMORY = "frontdesk".toCharArray();

  private TlsMaterial() {}

  /** One {@code -----BEGIN type-----} block: its type, the line it starts on, its bytes. */
  private record Block(String type, int line, byte[] der) {}

  /** Every certificate in a PEM file, in file order; at least one. */
  public static List<X509Certificate> certificates(Path file, String option) {
    List<X509Certificate> certificates = new ArrayList<>();
    int n = 0;
    for (Block block : blocks(file, option)) {
      if (!block.type().equals("CERTIFICATE")) {
        continue;
      }
      n++;
      try {
        certificates.add(
            (X509Certificate)
                CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(block.der())));
      } catch (CertificateException e) {
        throw new IllegalArgumentException(
            option
                + ": "
                + file
                + ": certificate "
                + n
                + " (line "
                + block.line()
                + ") is not a valid X.509 certificate: "
                + e.getMessage(),
            e);
      }
    }
    if (certificates.isEmpty()) {
      throw new IllegalArgumentException(
          option + ": " + file + " has no '-----BEGIN CERTIFICATE-----' block");
    }
    return certificates;
  }

  /**
   * The unencrypted PKCS #8 private key ({@code BEGIN PRIVATE KEY}) in a PEM file, read with the
   * algorithm of the certificate it belongs to.
   */
  public static PrivateKey privateKey(Path file, X509Certificate certificate, String option) {
    for (Block block : blocks(file, option)) {
      String where = option + ": " + file + " (line " + block.line() + "): ";
      switch (block.type()) {
        case "PRIVATE KEY" -> {
          try {
            String algorithm = certificate.getPublicKey().getAlgorithm();
            return KeyFactory.getInstance(algorithm)
                .generatePrivate(new PKCS8EncodedKeySpec(block.der()));
          } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(
                where
                    + "not a "
                    + certificate.getPublicKey().getAlgorithm()
                    + " private key in PKCS #8 form: "
                    + e.getMessage(),
                e);
          }
        }
        case "RSA PRIVATE KEY", "EC PRIVATE KEY" ->
            throw new IllegalArgumentException(
                where
                    + "'"
                    + block.type()
                    + "' is the legacy OpenSSL form; convert it to PKCS #8 with"
                    + " 'openssl pkcs8 -topk8 -nocrypt -in "
                    + file.getFileName()
                    + " -out key.pem'");
        case "ENCRYPTED PRIVATE KEY" ->
            throw new IllegalArgumentException(
                where
                    + "the key is encrypted; decrypt it"
                    + " ('openssl pkcs8 -in "
                    + file.getFileName()
                    + " -out key.pem') or use clientKeyStore(KeyStore, password)");
        default -> {
          // a certificate in the same file is fine: keep looking for the key
        }
      }
    }
    throw new IllegalArgumentException(
        option + ": " + file + " has no '-----BEGIN PRIVATE KEY-----' block");
  }

  /**
   * Fails unless {@code key} is the private half of {@code certificate}'s public key: a mismatch
   * would otherwise surface only as an upstream refusing every handshake.
   */
  public static void checkPair(PrivateKey key, X509Certificate certificate, String option) {
    String algorithm =
        switch (key.getAlgorithm()) {
          case "RSA" -> "SHA256withRSA";
          case "EC" -> "SHA256withECDSA";
          case "EdDSA", "Ed25519", "Ed448" -> "EdDSA";
          default -> null;
        };
    if (algorithm == null) {
      return; // an algorithm we cannot test cheaply: the handshake will tell
    }
    boolean matches;
    try {
      byte[] probe = "frontdesk".getBytes(StandardCharsets.US_ASCII);
      Signature signer = Signature.getInstance(algorithm);
      signer.initSign(key);
      signer.update(probe);
      byte[] signature = signer.sign();
      Signature verifier = Signature.getInstance(algorithm);
      verifier.initVerify(certificate.getPublicKey());
      verifier.update(probe);
      matches = verifier.verify(signature);
    } catch (GeneralSecurityException e) {
      matches = false;
    }
    if (!matches) {
      throw new IllegalArgumentException(
          option
              + ": the private key does not belong to the certificate of '"
              + certificate.getSubjectX500Principal().getName()
              + "'");
    }
  }

  /**
   * The client's context: {@code trusted} certificates (none: the JDK's default trust), plus the
   * JDK's when {@code jdkDefaults}; {@code key} and {@code chain} (may be null) as the client
   * certificate offered to upstreams that ask for one.
   */
  public static SSLContext context(
      List<X509Certificate> trusted,
      boolean jdkDefaults,
      @Nullable PrivateKey key,
      @Nullable List<X509Certificate> chain) {
    try {
      TrustManagerFactory trust =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      if (trusted.isEmpty()) {
        trust.init((KeyStore) null);
      } else {
        KeyStore anchors = emptyStore();
        List<X509Certificate> all = new ArrayList<>(trusted);
        if (jdkDefaults) {
          all.addAll(List.of(jdkDefaultIssuers()));
        }
        for (int i = 0; i < all.size(); i++) {
          anchors.setCertificateEntry("trusted-" + i, all.get(i));
        }
        trust.init(anchors);
      }
      KeyManager[] keys = null;
      if (key != null && chain != null) {
        KeyStore store = emptyStore();
        store.setKeyEntry("client", key, IN_MEMORY, chain.toArray(new X509Certificate[0]));
        KeyManagerFactory factory =
            KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(store, IN_MEMORY);
        keys = factory.getKeyManagers();
      }
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keys, trust.getTrustManagers(), null);
      return context;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("the JDK cannot make a TLS context: " + e.getMessage(), e);
    }
  }

  private static X509Certificate[] jdkDefaultIssuers() throws GeneralSecurityException {
    TrustManagerFactory defaults =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    defaults.init((KeyStore) null);
    for (var manager : defaults.getTrustManagers()) {
      if (manager instanceof X509TrustManager x509) {
        return x509.getAcceptedIssuers();
      }
    }
    return new X509Certificate[0];
  }

  private static KeyStore emptyStore() throws GeneralSecurityException, IOException {
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    return store;
  }

  private static List<Block> blocks(Path file, String option) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.US_ASCII);
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException(option + ": " + file + " does not exist", e);
    } catch (IOException e) {
      throw new IllegalArgumentException(option + ": cannot read " + file + ": " + e, e);
    }
    List<Block> blocks = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.startsWith("-----BEGIN ") && line.endsWith("-----")) {
        String type = line.substring(11, line.length() - 5);
        int start = i + 1;
        StringBuilder base64 = new StringBuilder();
        for (i++;
            i < lines.size() && !lines.get(i).strip().equals("-----END " + type + "-----");
            i++) {
          base64.append(lines.get(i).strip());
        }
        if (i == lines.size()) {
          throw new IllegalArgumentException(
              option
                  + ": "
                  + file
                  + " (line "
                  + start
                  + "): '-----BEGIN "
                  + type
                  + "-----' has no matching END line");
        }
        blocks.add(
            new Block(type.toUpperCase(Locale.ROOT), start, decode(base64, file, start, option)));
      }
    }
    return blocks;
  }

  private static byte[] decode(CharSequence base64, Path file, int line, String option) {
    try {
      return Base64.getDecoder().decode(base64.toString());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          option + ": " + file + " (line " + line + "): not valid base64: " + e.getMessage(), e);
    }
  }
}
