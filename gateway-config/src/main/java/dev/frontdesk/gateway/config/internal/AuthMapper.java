package dev.frontdesk.gateway.config.internal;

import dev.frontdesk.gateway.auth.ApiConsumer;
import dev.frontdesk.gateway.auth.ApiKeyAuthenticator;
import dev.frontdesk.gateway.auth.Authenticator;
import dev.frontdesk.gateway.auth.IdentityForwarding;
import dev.frontdesk.gateway.auth.InMemoryApiKeyStore;
import dev.frontdesk.gateway.auth.IntrospectionAuthenticator;
import dev.frontdesk.gateway.auth.JwtAuthenticator;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** {@code auth:} onto the authenticators and {@link IdentityForwarding} of gateway-auth. */
final class AuthMapper {
  private final Ctx ctx;
  final Map<String, Authenticator> authenticators = new LinkedHashMap<>();

  /** Every declared name, including those whose declaration was wrong (already reported). */
  final java.util.Set<String> declared = new java.util.LinkedHashSet<>();

  @Nullable IdentityForwarding identity;

  AuthMapper(Ctx ctx) {
    this.ctx = ctx;
  }

  void map(Obj auth) {
    for (Obj.Named n : auth.named("authenticators")) {
      declared.add(n.name());
      Obj o = Obj.of(ctx, n.path(), n.node(), Shapes.AUTHENTICATOR);
      if (o == null) {
        continue;
      }
      String kind = o.choice();
      Obj spec =
          o.obj(
              kind,
              kind.equals("jwt")
                  ? Shapes.JWT
                  : kind.equals("apiKeys") ? Shapes.API_KEYS : Shapes.INTROSPECTION);
      if (spec == null) {
        continue;
      }
      Authenticator a =
          switch (kind) {
            case "jwt" -> jwt(spec);
            case "apiKeys" -> apiKeys(spec);
            default -> introspection(spec);
          };
      if (a != null) {
        authenticators.put(n.name(), a);
      }
    }
    Obj identityObj = auth.obj("identity", Shapes.IDENTITY);
    if (identityObj != null) {
      identity = identity(identityObj);
    }
  }

  private @Nullable JwtAuthenticator jwt(Obj o) {
    JwtAuthenticator.Builder b = JwtAuthenticator.builder();
    ctx.watch(b::problems, o.path);
    String secret = o.secret("secret");
    if (secret != null) {
      ctx.attempt(o.at("secret"), () -> b.secret(secret.getBytes(StandardCharsets.UTF_8)));
    }
    o.string("publicKeyPem", b::publicKeyPem);
    for (Obj.Located item : o.list("publicKeys")) {
      Obj key = Obj.of(ctx, item.path(), item.node(), Shapes.PUBLIC_KEY);
      if (key == null) {
        continue;
      }
      String pem = key.string("pem");
      String kid = key.string("kid");
      if (pem == null) {
        if (!key.has("pem")) {
          ctx.problem(item.path(), "a public key needs its pem");
        }
        continue;
      }
      PublicKey publicKey = publicKey(pem, key.at("pem"));
      if (publicKey != null) {
        ctx.attempt(
            item.path(),
            () -> {
              if (kid != null) {
                b.publicKey(kid, publicKey);
              } else {
                b.publicKey(publicKey);
              }
            });
      }
    }
    o.string("jwksUrl", b::jwksUrl);
    o.strings("algorithms", b::algorithms);
    o.strings("issuer", b::issuer);
    o.strings("audience", b::audience);
    o.strings("requiredClaims", b::requiredClaims);
    o.duration("clockSkew", b::clockSkew);
    o.string("realm", b::realm);
    o.integer("maxTokenLength", b::maxTokenLength);
    o.string("tokenFromCookie", b::tokenFromCookie);
    o.string("tokenFromQueryParameter", b::tokenFromQueryParameter);
    o.flag("allowTokensWithoutExpiry", b::allowTokensWithoutExpiry);
    o.flag("acceptAnyIssuerAndAudience", b::acceptAnyIssuerAndAudience);
    o.bool("forwardCredential", b::forwardCredential);
    o.string("subjectClaim", b::subjectClaim);
    o.strings("groupClaims", b::groupClaims);
    o.longValue("cacheSize", b::cacheSize);
    o.duration("cacheCap", b::cacheCap);
    o.duration("jwksRefreshInterval", b::jwksRefreshInterval);
    o.duration("jwksMinRefreshInterval", b::jwksMinRefreshInterval);
    JwtAuthenticator[] out = new JwtAuthenticator[1];
    return !o.broken() && ctx.attempt(o.path, () -> out[0] = b.build()) ? out[0] : null;
  }

  /** A {@code -----BEGIN PUBLIC KEY-----} block: RSA, EC or EdDSA. */
  private @Nullable PublicKey publicKey(String pem, String path) {
    String base64 = pem.replaceAll("-----(BEGIN|END) PUBLIC KEY-----", "").replaceAll("\\s", "");
    byte[] der;
    try {
      der = Base64.getDecoder().decode(base64);
    } catch (IllegalArgumentException e) {
      ctx.problem(path, "not a PEM public key (-----BEGIN PUBLIC KEY-----)");
      return null;
    }
    for (String algorithm : List.of("RSA", "EC", "Ed25519", "Ed448")) {
      try {
        return KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(der));
      } catch (java.security.GeneralSecurityException e) {
        // try the next family
      }
    }
    ctx.problem(path, "not an RSA, EC or EdDSA public key");
    return null;
  }

  private @Nullable ApiKeyAuthenticator apiKeys(Obj o) {
    InMemoryApiKeyStore.Builder store = InMemoryApiKeyStore.builder();
    ctx.watch(store::problems, o.path);
    for (Obj.Located item : o.list("consumers")) {
      Obj c = Obj.of(ctx, item.path(), item.node(), Shapes.CONSUMER);
      if (c == null) {
        continue;
      }
      String id = c.string("id");
      if (id == null) {
        if (!c.has("id")) {
          ctx.problem(item.path(), "a consumer needs an id");
        }
        continue;
      }
      String name = c.has("name") ? c.string("name") : id;
      List<String> groups = c.has("groups") ? c.strings("groups") : List.of();
      if (name == null || groups == null) {
        continue;
      }
      ApiConsumer[] consumer = new ApiConsumer[1];
      if (!ctx.attempt(
          c.at("id"), () -> consumer[0] = ApiConsumer.of(id, name, Set.copyOf(groups)))) {
        continue;
      }
      List<String> keys = c.strings("keys");
      if (keys != null) {
        keys.forEach(ctx::secret);
        keys.forEach(k -> ctx.attempt(c.at("keys"), () -> store.key(k, consumer[0])));
      }
      List<String> digests = c.strings("keyDigests");
      if (digests != null) {
        digests.forEach(
            d -> ctx.attempt(c.at("keyDigests"), () -> store.keyDigest(d, consumer[0])));
      }
      if (keys == null && digests == null && !c.has("keys") && !c.has("keyDigests")) {
        ctx.problem(item.path(), "consumer '" + id + "' has no keys or keyDigests");
      }
    }
    InMemoryApiKeyStore[] keys = new InMemoryApiKeyStore[1];
    if (!ctx.attempt(o.path, () -> keys[0] = store.build())) {
      return null; // each refused key is reported at its consumer
    }
    ApiKeyAuthenticator.Builder b = ApiKeyAuthenticator.builder(keys[0]);
    o.string("header", b::header);
    o.string("queryParameter", b::queryParameter);
    o.string("realm", b::realm);
    o.bool("forwardCredential", b::forwardCredential);
    ApiKeyAuthenticator[] out = new ApiKeyAuthenticator[1];
    return !o.broken() && ctx.attempt(o.path, () -> out[0] = b.build()) ? out[0] : null;
  }

  private @Nullable IntrospectionAuthenticator introspection(Obj o) {
    String endpoint = o.string("endpoint");
    if (endpoint == null) {
      if (!o.has("endpoint")) {
        ctx.problem(o.path, "'endpoint' is required");
      }
      return null;
    }
    IntrospectionAuthenticator.Builder[] holder = new IntrospectionAuthenticator.Builder[1];
    if (!ctx.attempt(
        o.at("endpoint"), () -> holder[0] = IntrospectionAuthenticator.builder(endpoint))) {
      return null;
    }
    IntrospectionAuthenticator.Builder b = holder[0];
    ctx.watch(b::problems, o.at("endpoint"));
    String clientId = o.string("clientId");
    String clientSecret = o.secret("clientSecret");
    if (clientId != null && clientSecret != null) {
      ctx.attempt(o.at("clientSecret"), () -> b.clientCredentials(clientId, clientSecret));
    } else if (o.has("clientId") != o.has("clientSecret")) {
      ctx.problem(o.path, "clientId and clientSecret go together");
    }
    o.longValue("cacheSize", b::cacheSize);
    o.duration("cacheCap", b::cacheCap);
    o.strings("groupClaims", b::groupClaims);
    o.string("realm", b::realm);
    o.integer("maxTokenLength", b::maxTokenLength);
    IntrospectionAuthenticator[] out = new IntrospectionAuthenticator[1];
    return !o.broken() && ctx.attempt(o.path, () -> out[0] = b.build()) ? out[0] : null;
  }

  private @Nullable IdentityForwarding identity(Obj o) {
    IdentityForwarding.Builder b = IdentityForwarding.builder();
    ctx.watch(b::problems, o.path);
    header(o, "subjectHeader", b::subjectHeader);
    header(o, "consumerHeader", b::consumerHeader);
    header(o, "scopesHeader", b::scopesHeader);
    header(o, "groupsHeader", b::groupsHeader);
    Map<String, String> claims = o.stringMap("claimHeaders");
    if (claims != null) {
      claims.forEach(
          (claim, header) ->
              ctx.attempt(
                  Tree.child(o.at("claimHeaders"), claim), () -> b.claimHeader(claim, header)));
    }
    o.bool("forwardAuthorization", b::forwardAuthorization);
    String key = o.secret("signWith");
    if (key != null) {
      ctx.attempt(o.at("signWith"), () -> b.signWith(key.getBytes(StandardCharsets.UTF_8)));
    }
    o.string("signatureHeader", b::signatureHeader);
    IdentityForwarding[] out = new IdentityForwarding[1];
    return ctx.attempt(o.path, () -> out[0] = b.build()) ? out[0] : null;
  }

  /** A header name, or null (JSON/YAML null) to send none. */
  private void header(Obj o, String key, java.util.function.Consumer<@Nullable String> setter) {
    var raw = o.raw(key);
    if (raw != null && raw.isNull()) {
      setter.accept(null);
    } else {
      o.string(key, setter::accept);
    }
  }
}
