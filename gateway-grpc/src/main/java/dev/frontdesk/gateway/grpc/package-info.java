/**
 * gRPC transcoding: HTTP/JSON routes that call unary and server-streaming gRPC methods, described
 * by a protobuf descriptor set instead of generated stubs. {@link
 * dev.frontdesk.gateway.grpc.GrpcTranscoder} is the one entry point; no gRPC or protobuf type
 * appears in this package's signatures except the optional {@code FileDescriptorSet} input.
 */
@NullMarked
package dev.frontdesk.gateway.grpc;

import org.jspecify.annotations.NullMarked;
