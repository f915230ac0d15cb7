package dev.frontdesk.gateway.aggregation.internal;

import dev.frontdesk.gateway.aggregation.CollisionPolicy;
import dev.frontdesk.gateway.aggregation.Composer;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;

/** The aggregation-wide options, as the public builder validated them. */
public record Settings(
    Duration timeout,
    long maxResponseBytes,
    long maxRequestBodyBytes,
    Set<String> forwardHeaders,
    Map<String, Template> headers,
    @Nullable CollisionPolicy collisionPolicy,
    @Nullable String statusKey,
    @Nullable Composer composer,
    Executor executor) {}
