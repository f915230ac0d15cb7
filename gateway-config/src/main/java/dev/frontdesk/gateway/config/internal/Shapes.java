package dev.frontdesk.gateway.config.internal;

import java.util.List;

/** Every kind of object a configuration file holds, with its keys. */
public final class Shapes {
  private Shapes() {}

  public static final Shape ROOT =
      Shape.of(
          "root",
          "$schema",
          "gateway",
          "accessLog",
          "metrics",
          "tracing",
          "admin",
          "use",
          "upstreams",
          "auth",
          "rateLimits",
          "caches",
          "routes");
  public static final Shape GATEWAY =
      Shape.of(
          "gateway",
          "connectTimeout",
          "readTimeout",
          "maxIdleConnections",
          "idleConnectionTimeout",
          "trustedProxies",
          "forwardedHeader",
          "upstreamTls",
          "realIpHeader",
          "allowUnderscoresInHeaders",
          "via",
          "noVia");
  public static final Shape UPSTREAM_TLS =
      Shape.of("upstreamTls", "trustCertificates", "trustJdkDefaults", "clientCertificate");
  public static final Shape CLIENT_CERTIFICATE =
      Shape.of("clientCertificate", "certificate", "privateKey");
  public static final Shape ACCESS_LOG =
      Shape.of("accessLog", "format", "secretParameters", "logger");

  public static final Shape METRICS = Shape.of("metrics", "tags", "histograms");
  public static final Shape ADMIN =
      Shape.of(
          "admin",
          "port",
          "prefix",
          "apiKey",
          "apiKeyHeader",
          "allowUnauthenticated",
          "requiredUpstreams");
  public static final Shape CACHE =
      Shape.of(
          "cache",
          "name",
          "maximumBytes",
          "maximumEntries",
          "maxBodySize",
          "defaultTtl",
          "staleRetention",
          "coalescingWait");

  public static final Shape ROUTE =
      Shape.of(
          "route",
          "id",
          "path",
          "methods",
          "host",
          "headers",
          "queries",
          "use",
          "to",
          "upstream",
          "respond",
          "redirect",
          "aggregate",
          "connectTimeout",
          "readTimeout",
          "preserveHost",
          "rewriteRedirects",
          "webSocket");
  public static final Shape GROUP = Shape.of("group", "group", "use", "routes");
  public static final Shape GRPC_ENTRY = Shape.of("grpcEntry", "grpc");
  public static final Shape GRPC =
      Shape.of(
          "grpc",
          "prefix",
          "descriptorSet",
          "descriptorSetResource",
          "services",
          "target",
          "targets",
          "plaintext",
          "tlsTrusting",
          "timeout",
          "forwardHeaders",
          "maxMessageSize");
  public static final Shape CONDITION = Shape.of("condition", "name", "value", "matches");
  public static final Shape RESPOND = Shape.of("respond", "status", "contentType", "body");
  public static final Shape REDIRECT = Shape.of("redirect", "status", "location");

  public static final Shape MIDDLEWARE =
      Shape.oneOf(
          "middleware",
          "setRequestHeader",
          "addRequestHeader",
          "removeRequestHeader",
          "setResponseHeader",
          "addResponseHeader",
          "removeResponseHeader",
          "stripPrefix",
          "addPrefix",
          "rewritePath",
          "maxRequestBodySize",
          "authenticate",
          "requireAuthenticated",
          "requireScopes",
          "requireAnyGroup",
          "requireClaim",
          "forwardIdentity",
          "rateLimit",
          "concurrencyLimit",
          "cache",
          "requestTransform",
          "responseTransform",
          "compression");
  public static final Shape HEADER_VALUE = Shape.of("headerValue", "name", "value");
  public static final Shape REWRITE = Shape.of("rewritePath", "regex", "replacement");
  public static final Shape AUTHENTICATE =
      Shape.of("authenticate", "with", "anonymousAllowed", "anonymousRoutes");
  public static final Shape REQUEST_TRANSFORM =
      Shape.of(
          "requestTransform",
          "name",
          "method",
          "addQuery",
          "setQuery",
          "removeQuery",
          "renameQuery",
          "json",
          "jsonToXml",
          "maxBodySize",
          "overLimit",
          "compressedBody");
  public static final Shape RESPONSE_TRANSFORM =
      Shape.of(
          "responseTransform",
          "name",
          "json",
          "xmlToJson",
          "anyStatus",
          "maxBodySize",
          "overLimit",
          "compressedBody");
  public static final Shape JSON_STEP =
      Shape.oneOf(
          "jsonStep", "set", "setJson", "add", "addJson", "template", "remove", "rename", "move");
  public static final Shape POINTER_VALUE = Shape.of("pointerValue", "pointer", "value");
  public static final Shape JSON_RENAME = Shape.of("jsonRename", "pointer", "to");
  public static final Shape FROM_TO = Shape.of("fromTo", "from", "to");
  public static final Shape COMPRESSION =
      Shape.of("compression", "minimumSize", "mediaTypes", "level");
  public static final Shape CLAIM = Shape.of("requireClaim", "name", "values");

  public static final Shape UPSTREAM =
      Shape.of(
          "upstream",
          "instances",
          "discovery",
          "loadBalancing",
          "healthCheck",
          "retry",
          "outlierDetection",
          "circuitBreaker",
          "tryTimeout",
          "deadline",
          "connectTimeout",
          "readTimeout");
  public static final Shape INSTANCE = Shape.of("instance", "url", "weight", "zone", "metadata");
  public static final Shape DISCOVERY = Shape.oneOf("discovery", "static", "dns", "file");
  public static final Shape DNS = Shape.of("dns", "url", "ttl");
  public static final Shape FILE_DISCOVERY = Shape.of("fileDiscovery", "path", "pollInterval");
  public static final Shape LOAD_BALANCING = Shape.oneOf("loadBalancing", "consistentHash");
  public static final Shape CONSISTENT_HASH =
      Shape.oneOf("consistentHash", "header", "cookie", "source");
  public static final Shape HEALTH_CHECK =
      Shape.of(
          "healthCheck",
          "path",
          "expectedStatus",
          "interval",
          "timeout",
          "healthyThreshold",
          "unhealthyThreshold",
          "startHealthy");
  public static final Shape STATUS_RANGE = Shape.of("statusRange", "from", "to");
  public static final Shape RETRY =
      Shape.of(
          "retry",
          "maxAttempts",
          "retryOnStatus",
          "backoff",
          "maxBackoff",
          "budgetRatio",
          "budgetMinPerSecond",
          "bufferBodiesUpTo",
          "retryIdempotencyKeyRequests");
  public static final Shape OUTLIER =
      Shape.of(
          "outlierDetection",
          "consecutiveFailures",
          "baseEjection",
          "maxEjection",
          "maxEjectedShare");
  public static final Shape CIRCUIT =
      Shape.of(
          "circuitBreaker",
          "scope",
          "failureRateThreshold",
          "slowCallRateThreshold",
          "slowCallDuration",
          "window",
          "minimumCalls",
          "openDuration",
          "halfOpenCalls");

  public static final Shape AUTH = Shape.of("auth", "authenticators", "identity");
  public static final Shape AUTHENTICATOR =
      Shape.oneOf("authenticator", "jwt", "apiKeys", "introspection");
  public static final Shape JWT =
      Shape.of(
          "jwt",
          "secret",
          "publicKeyPem",
          "publicKeys",
          "jwksUrl",
          "algorithms",
          "issuer",
          "audience",
          "requiredClaims",
          "clockSkew",
          "realm",
          "maxTokenLength",
          "tokenFromCookie",
          "tokenFromQueryParameter",
          "subjectClaim",
          "groupClaims",
          "cacheSize",
          "cacheCap",
          "jwksRefreshInterval",
          "jwksMinRefreshInterval",
          "allowTokensWithoutExpiry",
          "acceptAnyIssuerAndAudience",
          "forwardCredential");
  public static final Shape PUBLIC_KEY = Shape.of("publicKey", "kid", "pem");
  public static final Shape API_KEYS =
      Shape.of("apiKeys", "header", "queryParameter", "realm", "consumers", "forwardCredential");
  public static final Shape CONSUMER =
      Shape.of("consumer", "id", "name", "groups", "keys", "keyDigests");
  public static final Shape INTROSPECTION =
      Shape.of(
          "introspection",
          "endpoint",
          "clientId",
          "clientSecret",
          "cacheSize",
          "cacheCap",
          "groupClaims",
          "realm",
          "maxTokenLength");
  public static final Shape IDENTITY =
      Shape.of(
          "identity",
          "subjectHeader",
          "consumerHeader",
          "scopesHeader",
          "groupsHeader",
          "claimHeaders",
          "forwardAuthorization",
          "signWith",
          "signatureHeader");

  public static final Shape RATE_LIMITS =
      Shape.of("rateLimits", "backends", "limiters", "concurrency");
  public static final Shape BACKEND = Shape.oneOf("backend", "local", "redis");
  public static final Shape LOCAL_BACKEND = Shape.of("localBackend", "maximumKeys");
  public static final Shape REDIS =
      Shape.of(
          "redis",
          "uri",
          "keyPrefix",
          "commandTimeout",
          "connectTimeout",
          "syncMode",
          "maxUnsyncedTokens",
          "maxUnsyncedTime",
          "maxReconnectDelay",
          "maximumKeys");
  public static final Shape LIMITER =
      Shape.of(
          "limiter",
          "limit",
          "key",
          "plans",
          "backend",
          "ietfHeaders",
          "legacyHeaders",
          "failureMode",
          "failureRetryAfter",
          "expectedInstances");
  public static final Shape LIMIT = Shape.of("limit", "name", "bandwidths");
  public static final Shape BANDWIDTH =
      Shape.of("bandwidth", "capacity", "refillTokens", "refillPeriod", "refill");
  public static final Shape KEY = Shape.oneOf("key", "header", "firstOf", "allOf");
  public static final Shape CONCURRENCY =
      Shape.of("concurrency", "maxConcurrent", "key", "maxWait", "retryAfter");

  public static final Shape AGGREGATE =
      Shape.of(
          "aggregate",
          "legs",
          "timeout",
          "maxResponseBytes",
          "maxRequestBodyBytes",
          "forwardHeaders",
          "headers",
          "onCollision",
          "statusBlock");
  public static final Shape LEG =
      Shape.of(
          "leg",
          "method",
          "upstream",
          "target",
          "body",
          "forwardBody",
          "timeout",
          "optional",
          "fallback",
          "passThrough",
          "maxResponseBytes",
          "headers",
          "forwardHeaders",
          "forwardCredentials",
          "forEach",
          "concurrency",
          "maxItems",
          "select",
          "include",
          "exclude",
          "rename",
          "as",
          "merge");
  public static final Shape FOR_EACH = Shape.of("forEach", "leg", "pointer");

  /** All shapes, for the schema test. */
  public static final List<Shape> ALL =
      List.of(
          ROOT,
          GATEWAY,
          UPSTREAM_TLS,
          CLIENT_CERTIFICATE,
          ACCESS_LOG,
          METRICS,
          ADMIN,
          CACHE,
          ROUTE,
          GROUP,
          GRPC_ENTRY,
          GRPC,
          REQUEST_TRANSFORM,
          RESPONSE_TRANSFORM,
          JSON_STEP,
          POINTER_VALUE,
          JSON_RENAME,
          FROM_TO,
          COMPRESSION,
          CONDITION,
          RESPOND,
          REDIRECT,
          MIDDLEWARE,
          HEADER_VALUE,
          REWRITE,
          AUTHENTICATE,
          CLAIM,
          UPSTREAM,
          INSTANCE,
          DISCOVERY,
          DNS,
          FILE_DISCOVERY,
          LOAD_BALANCING,
          CONSISTENT_HASH,
          HEALTH_CHECK,
          STATUS_RANGE,
          RETRY,
          OUTLIER,
          CIRCUIT,
          AUTH,
          AUTHENTICATOR,
          JWT,
          PUBLIC_KEY,
          API_KEYS,
          CONSUMER,
          INTROSPECTION,
          IDENTITY,
          RATE_LIMITS,
          BACKEND,
          LOCAL_BACKEND,
          REDIS,
          LIMITER,
          LIMIT,
          BANDWIDTH,
          KEY,
          CONCURRENCY,
          AGGREGATE,
          LEG,
          FOR_EACH);
}
