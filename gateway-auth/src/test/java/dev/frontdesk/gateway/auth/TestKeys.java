package dev.frontdesk.gateway.auth;

import io.jsonwebtoken.Jwts;
import java.security.KeyPair;

/**
 * Key pairs generated once per test run (RSA generation is slow on a busy machine); never
 * committed.
 */
final class TestKeys {
  static final KeyPair RSA = Jwts.SIG.RS256.keyPair().build();
  static final KeyPair RSA_OTHER = Jwts.SIG.RS256.keyPair().build();
  static final KeyPair EC = Jwts.SIG.ES256.keyPair().build();

  private TestKeys() {}
}
