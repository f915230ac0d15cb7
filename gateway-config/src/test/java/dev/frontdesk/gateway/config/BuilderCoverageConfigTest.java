package dev.frontdesk.gateway.config;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

import dev.frontdesk.gateway.AccessLog;
import dev.frontdesk.gateway.AdminEndpoints;
import dev.frontdesk.gateway.CircuitBreakerPolicy;
import dev.frontdesk.gateway.Gateway;
import dev.frontdesk.gateway.HealthCheck;
import dev.frontdesk.gateway.Instance;
import dev.frontdesk.gateway.LoadBalancing;
import dev.frontdesk.gateway.Middlewares;
import dev.frontdesk.gateway.OutlierDetection;
import dev.frontdesk.gateway.RetryPolicy;
import dev.frontdesk.gateway.Route;
import dev.frontdesk.gateway.RouteGroup;
import dev.frontdesk.gateway.ServiceDiscovery;
import dev.frontdesk.gateway.Upstream;
import dev.frontdesk.gateway.UpstreamTls;
import dev.frontdesk.gateway.aggregation.Aggregation;
import dev.frontdesk.gateway.aggregation.Leg;
import dev.frontdesk.gateway.auth.ApiKeyAuthenticator;
import dev.frontdesk.gateway.auth.Authentication;
import dev.frontdesk.gateway.auth.Authorization;
import dev.frontdesk.gateway.auth.IdentityForwarding;
import dev.frontdesk.gateway.auth.InMemoryApiKeyStore;
import dev.frontdesk.gateway.auth.IntrospectionAuthenticator;
import dev.frontdesk.gateway.auth.JwtAuthenticator;
import dev.frontdesk.gateway.cache.ResponseCache;
import dev.frontdesk.gateway.config.internal.Shape;
import dev.frontdesk.gateway.config.internal.Shapes;
import dev.frontdesk.gateway.grpc.GrpcTranscoder;
import dev.frontdesk.gateway.micrometer.GatewayMetrics;
import dev.frontdesk.gateway.opentelemetry.GatewayTracing;
import dev.frontdesk.gateway.ratelimit.ConcurrencyLimiter;
import dev.frontdesk.gateway.ratelimit.KeyResolver;
import dev.frontdesk.gateway.ratelimit.LocalBackendBuilder;
import dev.frontdesk.gateway.ratelimit.RateLimit;
import dev.frontdesk.gateway.ratelimit.RateLimitBackend;
import dev.frontdesk.gateway.ratelimit.RateLimiter;
import dev.frontdesk.gateway.ratelimit.redis.RedisBackend;
import dev.frontdesk.gateway.transform.JsonTransform;
import dev.frontdesk.gateway.transform.RequestTransform;
import dev.frontdesk.gateway.transform.ResponseCompression;
import dev.frontdesk.gateway.transform.ResponseTransform;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Every public option of the builders has a configuration key, or is a listed, reasoned exception:
 * a builder method added later fails this test until the same change maps it (or says why not).
 * Keys are {@code shape.key} (or {@code shape.key=value}); each must exist in {@link Shapes}.
 */
class BuilderCoverageConfigTest {
  /** Builder classes: every public instance method; factory holders: every public static method. */
  private static final List<Class<?>> BUILDERS =
      List.of(
          Gateway.Builder.class,
          Route.Builder.class,
          RouteGroup.class,
          Upstream.Builder.class,
          Instance.Builder.class,
          HealthCheck.Builder.class,
          RetryPolicy.Builder.class,
          OutlierDetection.Builder.class,
          CircuitBreakerPolicy.Builder.class,
          UpstreamTls.Builder.class,
          AccessLog.Builder.class,
          JwtAuthenticator.Builder.class,
          ApiKeyAuthenticator.Builder.class,
          InMemoryApiKeyStore.Builder.class,
          IntrospectionAuthenticator.Builder.class,
          IdentityForwarding.Builder.class,
          IdentityForwarding.class,
          Authentication.Builder.class,
          RateLimiter.Builder.class,
          RateLimit.RefillStage.class,
          RateLimit.BuildStage.class,
          LocalBackendBuilder.class,
          RedisBackend.Builder.class,
          ConcurrencyLimiter.Builder.class,
          KeyResolver.class,
          Aggregation.Builder.class,
          Leg.class,
          ResponseCache.Builder.class,
          RequestTransform.Builder.class,
          ResponseTransform.Builder.class,
          JsonTransform.Builder.class,
          ResponseCompression.Builder.class,
          GrpcTranscoder.Builder.class,
          GatewayMetrics.Builder.class,
          AdminEndpoints.Builder.class);

  private static final List<Class<?>> FACTORIES =
      List.of(
          Upstream.class,
          Instance.class,
          HealthCheck.class,
          RetryPolicy.class,
          OutlierDetection.class,
          CircuitBreakerPolicy.class,
          LoadBalancing.class,
          ServiceDiscovery.class,
          Middlewares.class,
          AccessLog.class,
          Authentication.class,
          Authorization.class,
          RateLimit.class,
          KeyResolver.class,
          RedisBackend.class,
          RateLimitBackend.class,
          UpstreamTls.class,
          JwtAuthenticator.class,
          ApiKeyAuthenticator.class,
          IntrospectionAuthenticator.class,
          IdentityForwarding.class,
          InMemoryApiKeyStore.class,
          RateLimiter.class,
          ConcurrencyLimiter.class,
          Aggregation.class,
          ResponseCache.class,
          RequestTransform.class,
          ResponseTransform.class,
          JsonTransform.class,
          ResponseCompression.class,
          GrpcTranscoder.class,
          GatewayMetrics.class,
          GatewayTracing.class,
          AdminEndpoints.class);

  static final Map<String, String> MAPPED =
      Map.ofEntries(
          entry("Builder(Gateway)#use", "root.use"),
          entry("Builder(Gateway)#route", "root.routes"),
          entry("Builder(Gateway)#group", "group.group"),
          entry("Builder(Gateway)#upstream", "root.upstreams"),
          entry("Builder(Gateway)#connectTimeout", "gateway.connectTimeout"),
          entry("Builder(Gateway)#readTimeout", "gateway.readTimeout"),
          entry("Builder(Gateway)#maxIdleConnections", "gateway.maxIdleConnections"),
          entry("Builder(Gateway)#idleConnectionTimeout", "gateway.idleConnectionTimeout"),
          entry("Builder(Gateway)#trustedProxies", "gateway.trustedProxies"),
          entry("Builder(Gateway)#forwardedHeader", "gateway.forwardedHeader"),
          entry("Builder(Gateway)#realIpHeader", "gateway.realIpHeader"),
          entry("Builder(Gateway)#allowUnderscoresInHeaders", "gateway.allowUnderscoresInHeaders"),
          entry("Builder(Gateway)#via", "gateway.via"),
          entry("Builder(Gateway)#noVia", "gateway.noVia"),
          entry("Builder(Route)#rewriteRedirects", "route.rewriteRedirects"),
          entry("Builder(Route)#webSocket", "route.webSocket"),
          entry(
              "Builder(JwtAuthenticator)#allowTokensWithoutExpiry", "jwt.allowTokensWithoutExpiry"),
          entry(
              "Builder(JwtAuthenticator)#acceptAnyIssuerAndAudience",
              "jwt.acceptAnyIssuerAndAudience"),
          entry("Builder(JwtAuthenticator)#forwardCredential", "jwt.forwardCredential"),
          entry("Builder(ApiKeyAuthenticator)#forwardCredential", "apiKeys.forwardCredential"),
          entry("Builder(RateLimiter)#expectedInstances", "limiter.expectedInstances"),
          entry("Builder(Gateway)#upstreamTls", "gateway.upstreamTls"),
          entry("Builder(Gateway)#listener", "root.accessLog"),
          entry("Builder(Route)#path", "route.path"),
          entry("Builder(Route)#methods", "route.methods"),
          entry("Builder(Route)#host", "route.host"),
          entry("Builder(Route)#header", "route.headers"),
          entry("Builder(Route)#headerMatches", "condition.matches"),
          entry("Builder(Route)#query", "route.queries"),
          entry("Builder(Route)#queryMatches", "condition.matches"),
          entry("Builder(Route)#use", "route.use"),
          entry("Builder(Route)#proxyTo", "route.to"),
          entry("Builder(Route)#proxyToUpstream", "route.upstream"),
          entry("Builder(Route)#respond", "route.respond"),
          entry("Builder(Route)#redirect", "route.redirect"),
          entry("Builder(Route)#handleWithUpstreams", "route.aggregate"),
          entry("Builder(Route)#connectTimeout", "route.connectTimeout"),
          entry("Builder(Route)#readTimeout", "route.readTimeout"),
          entry("Builder(Route)#preserveHost", "route.preserveHost"),
          entry("RouteGroup#use", "group.use"),
          entry("RouteGroup#route", "group.routes"),
          entry("RouteGroup#group", "group.group"),
          entry("Upstream#builder", "root.upstreams"),
          entry("Upstream#of", "upstream.instances"),
          entry("Builder(Upstream)#instance", "upstream.instances"),
          entry("Builder(Upstream)#discovery", "upstream.discovery"),
          entry("Builder(Upstream)#loadBalancing", "upstream.loadBalancing"),
          entry("Builder(Upstream)#outlierDetection", "upstream.outlierDetection"),
          entry("Builder(Upstream)#healthCheck", "upstream.healthCheck"),
          entry("Builder(Upstream)#retry", "upstream.retry"),
          entry("Builder(Upstream)#circuitBreaker", "upstream.circuitBreaker"),
          entry("Builder(Upstream)#tryTimeout", "upstream.tryTimeout"),
          entry("Builder(Upstream)#deadline", "upstream.deadline"),
          entry("Builder(Upstream)#connectTimeout", "upstream.connectTimeout"),
          entry("Builder(Upstream)#readTimeout", "upstream.readTimeout"),
          entry("Instance#of", "upstream.instances"),
          entry("Instance#builder", "instance.url"),
          entry("Builder(Instance)#weight", "instance.weight"),
          entry("Builder(Instance)#zone", "instance.zone"),
          entry("Builder(Instance)#metadata", "instance.metadata"),
          entry("HealthCheck#builder", "healthCheck.path"),
          entry("Builder(HealthCheck)#expectedStatus", "healthCheck.expectedStatus"),
          entry("Builder(HealthCheck)#interval", "healthCheck.interval"),
          entry("Builder(HealthCheck)#timeout", "healthCheck.timeout"),
          entry("Builder(HealthCheck)#healthyThreshold", "healthCheck.healthyThreshold"),
          entry("Builder(HealthCheck)#unhealthyThreshold", "healthCheck.unhealthyThreshold"),
          entry("Builder(HealthCheck)#startHealthy", "healthCheck.startHealthy"),
          entry("RetryPolicy#defaults", "upstream.retry=defaults"),
          entry("RetryPolicy#none", "upstream.retry=none"),
          entry("RetryPolicy#builder", "upstream.retry"),
          entry("Builder(RetryPolicy)#maxAttempts", "retry.maxAttempts"),
          entry("Builder(RetryPolicy)#retryOnStatus", "retry.retryOnStatus"),
          entry("Builder(RetryPolicy)#backoff", "retry.backoff"),
          entry("Builder(RetryPolicy)#budget", "retry.budgetRatio"),
          entry("Builder(RetryPolicy)#bufferBodiesUpTo", "retry.bufferBodiesUpTo"),
          entry(
              "Builder(RetryPolicy)#retryIdempotencyKeyRequests",
              "retry.retryIdempotencyKeyRequests"),
          entry("OutlierDetection#defaults", "upstream.outlierDetection=defaults"),
          entry("OutlierDetection#disabled", "upstream.outlierDetection=disabled"),
          entry("OutlierDetection#builder", "upstream.outlierDetection"),
          entry(
              "Builder(OutlierDetection)#consecutiveFailures",
              "outlierDetection.consecutiveFailures"),
          entry("Builder(OutlierDetection)#baseEjection", "outlierDetection.baseEjection"),
          entry("Builder(OutlierDetection)#maxEjection", "outlierDetection.maxEjection"),
          entry("Builder(OutlierDetection)#maxEjectedShare", "outlierDetection.maxEjectedShare"),
          entry("CircuitBreakerPolicy#builder", "upstream.circuitBreaker"),
          entry("Builder(CircuitBreakerPolicy)#scope", "circuitBreaker.scope"),
          entry(
              "Builder(CircuitBreakerPolicy)#failureRateThreshold",
              "circuitBreaker.failureRateThreshold"),
          entry(
              "Builder(CircuitBreakerPolicy)#slowCallRateThreshold",
              "circuitBreaker.slowCallRateThreshold"),
          entry(
              "Builder(CircuitBreakerPolicy)#slowCallDuration", "circuitBreaker.slowCallDuration"),
          entry("Builder(CircuitBreakerPolicy)#window", "circuitBreaker.window"),
          entry("Builder(CircuitBreakerPolicy)#openDuration", "circuitBreaker.openDuration"),
          entry("Builder(CircuitBreakerPolicy)#halfOpenCalls", "circuitBreaker.halfOpenCalls"),
          entry("LoadBalancing#roundRobin", "upstream.loadBalancing=round-robin"),
          entry("LoadBalancing#weightedRoundRobin", "upstream.loadBalancing=weighted-round-robin"),
          entry("LoadBalancing#leastInFlight", "upstream.loadBalancing=least-in-flight"),
          entry("LoadBalancing#consistentHashOnHeader", "consistentHash.header"),
          entry("LoadBalancing#consistentHashOnCookie", "consistentHash.cookie"),
          entry("LoadBalancing#consistentHashOnClientIp", "consistentHash.source=client-ip"),
          entry("LoadBalancing#consistentHashOnConsumer", "consistentHash.source=consumer"),
          entry("ServiceDiscovery#of", "discovery.static"),
          entry("ServiceDiscovery#dns", "discovery.dns"),
          entry("ServiceDiscovery#file", "discovery.file"),
          entry("Builder(UpstreamTls)#trustCertificates", "upstreamTls.trustCertificates"),
          entry("Builder(UpstreamTls)#trustJdkDefaults", "upstreamTls.trustJdkDefaults"),
          entry("Builder(UpstreamTls)#clientCertificate", "upstreamTls.clientCertificate"),
          entry("UpstreamTls#builder", "gateway.upstreamTls"),
          entry("Middlewares#setRequestHeader", "middleware.setRequestHeader"),
          entry("Middlewares#addRequestHeader", "middleware.addRequestHeader"),
          entry("Middlewares#removeRequestHeader", "middleware.removeRequestHeader"),
          entry("Middlewares#setResponseHeader", "middleware.setResponseHeader"),
          entry("Middlewares#addResponseHeader", "middleware.addResponseHeader"),
          entry("Middlewares#removeResponseHeader", "middleware.removeResponseHeader"),
          entry("Middlewares#stripPrefix", "middleware.stripPrefix"),
          entry("Middlewares#addPrefix", "middleware.addPrefix"),
          entry("Middlewares#rewritePath", "middleware.rewritePath"),
          entry("Middlewares#maxRequestBodySize", "middleware.maxRequestBodySize"),
          entry("AccessLog#json", "root.accessLog"),
          entry("AccessLog#builder", "root.accessLog"),
          entry("Builder(AccessLog)#format", "accessLog.format"),
          entry("Builder(AccessLog)#secretParameters", "accessLog.secretParameters"),
          entry("Builder(AccessLog)#logger", "accessLog.logger"),
          entry("JwtAuthenticator#builder", "authenticator.jwt"),
          entry("Builder(JwtAuthenticator)#secret", "jwt.secret"),
          entry("Builder(JwtAuthenticator)#publicKey", "jwt.publicKeys"),
          entry("Builder(JwtAuthenticator)#publicKeyPem", "jwt.publicKeyPem"),
          entry("Builder(JwtAuthenticator)#jwksUrl", "jwt.jwksUrl"),
          entry("Builder(JwtAuthenticator)#algorithms", "jwt.algorithms"),
          entry("Builder(JwtAuthenticator)#issuer", "jwt.issuer"),
          entry("Builder(JwtAuthenticator)#audience", "jwt.audience"),
          entry("Builder(JwtAuthenticator)#requiredClaims", "jwt.requiredClaims"),
          entry("Builder(JwtAuthenticator)#clockSkew", "jwt.clockSkew"),
          entry("Builder(JwtAuthenticator)#realm", "jwt.realm"),
          entry("Builder(JwtAuthenticator)#maxTokenLength", "jwt.maxTokenLength"),
          entry("Builder(JwtAuthenticator)#tokenFromCookie", "jwt.tokenFromCookie"),
          entry("Builder(JwtAuthenticator)#tokenFromQueryParameter", "jwt.tokenFromQueryParameter"),
          entry("Builder(JwtAuthenticator)#subjectClaim", "jwt.subjectClaim"),
          entry("Builder(JwtAuthenticator)#groupClaims", "jwt.groupClaims"),
          entry("Builder(JwtAuthenticator)#cacheSize", "jwt.cacheSize"),
          entry("Builder(JwtAuthenticator)#cacheCap", "jwt.cacheCap"),
          entry("Builder(JwtAuthenticator)#jwksRefreshInterval", "jwt.jwksRefreshInterval"),
          entry("Builder(JwtAuthenticator)#jwksMinRefreshInterval", "jwt.jwksMinRefreshInterval"),
          entry("ApiKeyAuthenticator#builder", "authenticator.apiKeys"),
          entry("Builder(ApiKeyAuthenticator)#header", "apiKeys.header"),
          entry("Builder(ApiKeyAuthenticator)#queryParameter", "apiKeys.queryParameter"),
          entry("Builder(ApiKeyAuthenticator)#realm", "apiKeys.realm"),
          entry("InMemoryApiKeyStore#builder", "apiKeys.consumers"),
          entry("Builder(InMemoryApiKeyStore)#key", "consumer.keys"),
          entry("Builder(InMemoryApiKeyStore)#keyDigest", "consumer.keyDigests"),
          entry("IntrospectionAuthenticator#builder", "introspection.endpoint"),
          entry(
              "Builder(IntrospectionAuthenticator)#clientCredentials",
              "introspection.clientSecret"),
          entry("Builder(IntrospectionAuthenticator)#cacheSize", "introspection.cacheSize"),
          entry("Builder(IntrospectionAuthenticator)#cacheCap", "introspection.cacheCap"),
          entry("Builder(IntrospectionAuthenticator)#groupClaims", "introspection.groupClaims"),
          entry("Builder(IntrospectionAuthenticator)#realm", "introspection.realm"),
          entry(
              "Builder(IntrospectionAuthenticator)#maxTokenLength", "introspection.maxTokenLength"),
          entry("IdentityForwarding#builder", "auth.identity"),
          entry("IdentityForwarding#stripClientHeaders", "auth.identity"),
          entry("IdentityForwarding#forward", "middleware.forwardIdentity"),
          entry("Builder(IdentityForwarding)#subjectHeader", "identity.subjectHeader"),
          entry("Builder(IdentityForwarding)#consumerHeader", "identity.consumerHeader"),
          entry("Builder(IdentityForwarding)#scopesHeader", "identity.scopesHeader"),
          entry("Builder(IdentityForwarding)#groupsHeader", "identity.groupsHeader"),
          entry("Builder(IdentityForwarding)#claimHeader", "identity.claimHeaders"),
          entry(
              "Builder(IdentityForwarding)#forwardAuthorization", "identity.forwardAuthorization"),
          entry("Builder(IdentityForwarding)#signWith", "identity.signWith"),
          entry("Builder(IdentityForwarding)#signatureHeader", "identity.signatureHeader"),
          entry("Authentication#required", "middleware.authenticate"),
          entry("Authentication#optional", "authenticate.anonymousAllowed"),
          entry("Authentication#builder", "middleware.authenticate"),
          entry("Builder(Authentication)#authenticators", "authenticate.with"),
          entry("Builder(Authentication)#anonymousAllowed", "authenticate.anonymousAllowed"),
          entry("Builder(Authentication)#anonymousRoutes", "authenticate.anonymousRoutes"),
          entry("Authorization#authenticated", "middleware.requireAuthenticated"),
          entry("Authorization#scopes", "middleware.requireScopes"),
          entry("Authorization#anyGroup", "middleware.requireAnyGroup"),
          entry("Authorization#claim", "middleware.requireClaim"),
          entry("RateLimiter#builder", "rateLimits.limiters"),
          entry("Builder(RateLimiter)#name", "rateLimits.limiters"),
          entry("Builder(RateLimiter)#limit", "limiter.limit"),
          entry("Builder(RateLimiter)#key", "limiter.key"),
          entry("Builder(RateLimiter)#plan", "limiter.plans"),
          entry("Builder(RateLimiter)#backend", "limiter.backend"),
          entry("Builder(RateLimiter)#ietfHeaders", "limiter.ietfHeaders"),
          entry("Builder(RateLimiter)#legacyHeaders", "limiter.legacyHeaders"),
          entry("Builder(RateLimiter)#failureMode", "limiter.failureMode"),
          entry("Builder(RateLimiter)#failureRetryAfter", "limiter.failureRetryAfter"),
          entry("RateLimit#capacity", "bandwidth.capacity"),
          entry("RateLimit#of", "limiter.limit"),
          entry("RefillStage#refillGreedy", "bandwidth.refill=greedy"),
          entry("RefillStage#refillIntervally", "bandwidth.refill=intervally"),
          entry("BuildStage#andCapacity", "limit.bandwidths"),
          entry("BuildStage#name", "limit.name"),
          entry("LocalBackendBuilder#maximumKeys", "localBackend.maximumKeys"),
          entry("RateLimitBackend#local", "backend.local"),
          entry("RateLimitBackend#localBuilder", "backend.local"),
          entry("RedisBackend#builder", "redis.uri"),
          entry("Builder(RedisBackend)#keyPrefix", "redis.keyPrefix"),
          entry("Builder(RedisBackend)#commandTimeout", "redis.commandTimeout"),
          entry("Builder(RedisBackend)#connectTimeout", "redis.connectTimeout"),
          entry("Builder(RedisBackend)#syncMode", "redis.syncMode"),
          entry("Builder(RedisBackend)#delayedSync", "redis.maxUnsyncedTokens"),
          entry("Builder(RedisBackend)#maxReconnectDelay", "redis.maxReconnectDelay"),
          entry("Builder(RedisBackend)#maximumKeys", "redis.maximumKeys"),
          entry("ConcurrencyLimiter#builder", "rateLimits.concurrency"),
          entry("Builder(ConcurrencyLimiter)#maxConcurrent", "concurrency.maxConcurrent"),
          entry("Builder(ConcurrencyLimiter)#key", "concurrency.key"),
          entry("Builder(ConcurrencyLimiter)#maxWait", "concurrency.maxWait"),
          entry("Builder(ConcurrencyLimiter)#retryAfter", "concurrency.retryAfter"),
          entry("KeyResolver#clientAddress", "limiter.key=client-address"),
          entry("KeyResolver#consumer", "limiter.key=consumer"),
          entry("KeyResolver#subject", "limiter.key=subject"),
          entry("KeyResolver#header", "key.header"),
          entry("KeyResolver#route", "limiter.key=route"),
          entry("KeyResolver#global", "limiter.key=global"),
          entry("KeyResolver#orElse", "key.firstOf"),
          entry("KeyResolver#and", "key.allOf"),
          entry("Aggregation#builder", "route.aggregate"),
          entry("Builder(Aggregation)#call", "aggregate.legs"),
          entry("Builder(Aggregation)#timeout", "aggregate.timeout"),
          entry("Builder(Aggregation)#maxResponseBytes", "aggregate.maxResponseBytes"),
          entry("Builder(Aggregation)#maxRequestBodyBytes", "aggregate.maxRequestBodyBytes"),
          entry("Builder(Aggregation)#forwardHeaders", "aggregate.forwardHeaders"),
          entry("Builder(Aggregation)#header", "aggregate.headers"),
          entry("Builder(Aggregation)#onCollision", "aggregate.onCollision"),
          entry("Builder(Aggregation)#statusBlock", "aggregate.statusBlock"),
          entry("Leg#get", "leg.method=GET"),
          entry("Leg#post", "leg.method=POST"),
          entry("Leg#put", "leg.method=PUT"),
          entry("Leg#delete", "leg.method=DELETE"),
          entry("Leg#request", "leg.target"),
          entry("Leg#body", "leg.body"),
          entry("Leg#forwardBody", "leg.forwardBody"),
          entry("Leg#timeout", "leg.timeout"),
          entry("Leg#optional", "leg.optional"),
          entry("Leg#passThrough", "leg.passThrough"),
          entry("Leg#maxResponseBytes", "leg.maxResponseBytes"),
          entry("Leg#header", "leg.headers"),
          entry("Leg#forwardHeaders", "leg.forwardHeaders"),
          entry("Leg#forwardCredentials", "leg.forwardCredentials"),
          entry("Leg#forEach", "leg.forEach"),
          entry("Leg#concurrency", "leg.concurrency"),
          entry("Leg#maxItems", "leg.maxItems"),
          entry("Leg#select", "leg.select"),
          entry("Leg#include", "leg.include"),
          entry("Leg#exclude", "leg.exclude"),
          entry("Leg#rename", "leg.rename"),
          entry("Leg#as", "leg.as"),
          entry("Leg#merge", "leg.merge"),
          // gateway-cache
          entry("ResponseCache#builder", "root.caches"),
          entry("Builder(ResponseCache)#name", "cache.name"),
          entry("Builder(ResponseCache)#maximumBytes", "cache.maximumBytes"),
          entry("Builder(ResponseCache)#maximumEntries", "cache.maximumEntries"),
          entry("Builder(ResponseCache)#maxBodySize", "cache.maxBodySize"),
          entry("Builder(ResponseCache)#defaultTtl", "cache.defaultTtl"),
          entry("Builder(ResponseCache)#staleRetention", "cache.staleRetention"),
          entry("Builder(ResponseCache)#coalescingWait", "cache.coalescingWait"),
          // gateway-transform
          entry("RequestTransform#builder", "middleware.requestTransform"),
          entry("Builder(RequestTransform)#method", "requestTransform.method"),
          entry("Builder(RequestTransform)#addQuery", "requestTransform.addQuery"),
          entry("Builder(RequestTransform)#setQuery", "requestTransform.setQuery"),
          entry("Builder(RequestTransform)#removeQuery", "requestTransform.removeQuery"),
          entry("Builder(RequestTransform)#renameQuery", "requestTransform.renameQuery"),
          entry("Builder(RequestTransform)#json", "requestTransform.json"),
          entry("Builder(RequestTransform)#jsonToXml", "requestTransform.jsonToXml"),
          entry("Builder(RequestTransform)#maxBodySize", "requestTransform.maxBodySize"),
          entry("Builder(RequestTransform)#overLimit", "requestTransform.overLimit"),
          entry("Builder(RequestTransform)#compressedBody", "requestTransform.compressedBody"),
          entry("ResponseTransform#builder", "middleware.responseTransform"),
          entry("Builder(ResponseTransform)#json", "responseTransform.json"),
          entry("Builder(ResponseTransform)#xmlToJson", "responseTransform.xmlToJson"),
          entry("Builder(ResponseTransform)#anyStatus", "responseTransform.anyStatus"),
          entry("Builder(ResponseTransform)#maxBodySize", "responseTransform.maxBodySize"),
          entry("Builder(ResponseTransform)#overLimit", "responseTransform.overLimit"),
          entry("Builder(ResponseTransform)#compressedBody", "responseTransform.compressedBody"),
          entry("JsonTransform#builder", "requestTransform.json"),
          entry("Builder(JsonTransform)#set", "jsonStep.set"),
          entry("Builder(JsonTransform)#setJson", "jsonStep.setJson"),
          entry("Builder(JsonTransform)#add", "jsonStep.add"),
          entry("Builder(JsonTransform)#addJson", "jsonStep.addJson"),
          entry("Builder(JsonTransform)#template", "jsonStep.template"),
          entry("Builder(JsonTransform)#remove", "jsonStep.remove"),
          entry("Builder(JsonTransform)#rename", "jsonStep.rename"),
          entry("Builder(JsonTransform)#move", "jsonStep.move"),
          entry("ResponseCompression#builder", "middleware.compression"),
          entry("ResponseCompression#gzip", "middleware.compression"),
          entry("Builder(ResponseCompression)#minimumSize", "compression.minimumSize"),
          entry("Builder(ResponseCompression)#mediaTypes", "compression.mediaTypes"),
          entry("Builder(ResponseCompression)#level", "compression.level"),
          // gateway-grpc
          entry("GrpcTranscoder#builder", "grpcEntry.grpc"),
          entry("Builder(GrpcTranscoder)#descriptorSet", "grpc.descriptorSet"),
          entry("Builder(GrpcTranscoder)#descriptorSetResource", "grpc.descriptorSetResource"),
          entry("Builder(GrpcTranscoder)#services", "grpc.services"),
          entry("Builder(GrpcTranscoder)#target", "grpc.target"),
          entry("Builder(GrpcTranscoder)#targets", "grpc.targets"),
          entry("Builder(GrpcTranscoder)#plaintext", "grpc.plaintext"),
          entry("Builder(GrpcTranscoder)#tlsTrusting", "grpc.tlsTrusting"),
          entry("Builder(GrpcTranscoder)#timeout", "grpc.timeout"),
          entry("Builder(GrpcTranscoder)#forwardHeaders", "grpc.forwardHeaders"),
          entry("Builder(GrpcTranscoder)#maxMessageSize", "grpc.maxMessageSize"),
          // gateway-micrometer, gateway-opentelemetry
          entry("GatewayMetrics#of", "root.metrics"),
          entry("GatewayMetrics#builder", "root.metrics"),
          entry("Builder(GatewayMetrics)#tag", "metrics.tags"),
          entry("Builder(GatewayMetrics)#histograms", "metrics.histograms"),
          entry("GatewayTracing#of", "root.tracing"),
          // core's admin endpoints
          entry("AdminEndpoints#builder", "root.admin"),
          entry("Builder(AdminEndpoints)#prefix", "admin.prefix"),
          entry("Builder(AdminEndpoints)#authentication", "admin.apiKey"),
          entry("Builder(AdminEndpoints)#allowUnauthenticated", "admin.allowUnauthenticated"),
          entry("Builder(AdminEndpoints)#requiredUpstreams", "admin.requiredUpstreams"),
          entry("Builder(AdminEndpoints)#metrics", "root.metrics"));

  /** Deliberately without a key, each with the reason. */
  static final Map<String, String> EXCEPTIONS =
      Map.ofEntries(
          entry(
              "Builder(JwtAuthenticator)#listener",
              "a GatewayListener is code (metrics wire it in Java)"),
          entry("Builder(RateLimiter)#ticker", "a Ticker is for tests"),
          entry("Builder(Route)#get", "sugar for methods: [GET] + path"),
          entry("Builder(Route)#post", "sugar for methods + path"),
          entry("Builder(Route)#put", "sugar for methods + path"),
          entry("Builder(Route)#patch", "sugar for methods + path"),
          entry("Builder(Route)#delete", "sugar for methods + path"),
          entry(
              "Builder(Route)#handleWith",
              "a Java Handler is code; respond, redirect and aggregate cover the data targets"),
          entry("Builder(Gateway)#httpClient", "an OkHttpClient object is code"),
          entry("Builder(Gateway)#ticker", "a Ticker is for tests"),
          entry("Builder(JwtAuthenticator)#clock", "a Clock is for tests"),
          entry("Builder(IntrospectionAuthenticator)#clock", "a Clock is for tests"),
          entry("Builder(IdentityForwarding)#clock", "a Clock is for tests"),
          entry(
              "Builder(UpstreamTls)#trustStore",
              "a KeyStore object: use PEM files (trustCertificates)"),
          entry(
              "Builder(UpstreamTls)#clientKeyStore",
              "a KeyStore object: use PEM files (clientCertificate)"),
          entry("UpstreamTls#of", "an SSLContext object is code"),
          entry("LocalBackendBuilder#ticker", "a Ticker is for tests"),
          entry("Builder(RedisBackend)#ticker", "a Ticker is for tests"),
          entry("Middlewares#before", "a lambda is code: no expression language"),
          entry("Middlewares#after", "a lambda is code: no expression language"),
          entry(
              "Middlewares#named",
              "names a Java middleware for logs; config middleware are named by their key"),
          entry("Authorization#rule", "a Predicate is code: no expression language"),
          entry(
              "Builder(Aggregation)#compose",
              "a Composer is code: nesting, merge and onCollision cover data composition"),
          entry(
              "Builder(Aggregation)#executor", "an Executor is code; the shared executor is used"),
          entry(
              "Builder(ResponseCache)#key", "a key Function is code: the default URI key is used"),
          entry("Builder(ResponseCache)#clock", "a Clock is for tests"),
          entry(
              "Builder(ResponseCache)#refreshExecutor",
              "an Executor is code; the cache's own threads are used"),
          entry("ResponseCache#uriKey", "the default key function, not an option"),
          entry("Builder(JsonTransform)#apply", "a function is code: no expression language"),
          entry(
              "Builder(Gateway)#upstreamStateFrom",
              "takes a live Gateway: a reload passes the previous one itself"));

  @Test
  void everyPublicBuilderOptionHasAConfigKeyOrAListedReason() {
    Set<String> missing = new TreeSet<>();
    for (String option : options()) {
      if (!MAPPED.containsKey(option) && !EXCEPTIONS.containsKey(option)) {
        missing.add(option);
      }
    }
    assertThat(missing)
        .as(
            "builder options without a config key: map them, or add them to EXCEPTIONS with the reason")
        .isEmpty();
  }

  @Test
  void everyMappedKeyExistsInTheReader() {
    Map<String, Shape> shapes = Shapes.ALL.stream().collect(Collectors.toMap(Shape::name, s -> s));
    for (Map.Entry<String, String> e : MAPPED.entrySet()) {
      String key = e.getValue().split("=")[0];
      String[] parts = key.split("\\.");
      Shape shape = shapes.get(parts[0]);
      assertThat(shape).as(e.getKey() + " -> " + e.getValue()).isNotNull();
      assertThat(shape.keys()).as(e.getKey() + " -> " + e.getValue()).contains(parts[1]);
    }
  }

  @Test
  void theListsNameOnlyOptionsThatExist() {
    Set<String> options = new TreeSet<>(options());
    assertThat(options).containsAll(MAPPED.keySet());
    assertThat(options).containsAll(EXCEPTIONS.keySet());
  }

  private static List<String> options() {
    List<String> out = new ArrayList<>();
    for (Class<?> type : BUILDERS) {
      for (Method m : type.getDeclaredMethods()) {
        if (Modifier.isPublic(m.getModifiers())
            && !Modifier.isStatic(m.getModifiers())
            && !m.isSynthetic()
            // problems(): what the setters recorded, read back, not an option
            && !Set.of(
                    "build", "problems", "toString", "equals", "hashCode", "headerNames", "resolve")
                .contains(m.getName())) {
          out.add(name(type) + "#" + m.getName());
        }
      }
    }
    for (Class<?> type : FACTORIES) {
      for (Method m : type.getDeclaredMethods()) {
        if (Modifier.isPublic(m.getModifiers())
            && Modifier.isStatic(m.getModifiers())
            && !m.isSynthetic()) {
          out.add(name(type) + "#" + m.getName());
        }
      }
    }
    return out;
  }

  private static String name(Class<?> type) {
    Class<?> outer = type.getEnclosingClass();
    if (outer != null && type.getSimpleName().equals("Builder")) {
      return "Builder(" + outer.getSimpleName() + ")";
    }
    return type.getSimpleName();
  }
}
