/**
 * The transcoding engine: descriptor loading, {@code google.api.http} rules, JSON to message and
 * back, the gRPC calls and their channels, status mapping. Not API: anything here may change at any
 * time without notice.
 */
@NullMarked
package dev.frontdesk.gateway.grpc.internal;

import org.jspecify.annotations.NullMarked;
