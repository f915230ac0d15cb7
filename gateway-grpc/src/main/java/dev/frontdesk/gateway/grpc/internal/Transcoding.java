package dev.frontdesk.gateway.grpc.internal;

import com.google.protobuf.util.JsonFormat;
import java.time.Duration;

/** What the routes of one transcoder share: channels, JSON rules, deadline and metadata. */
public record Transcoding(
    Channels channels,
    RequestMessages messages,
    JsonFormat.Printer printer,
    Duration timeout,
    HeaderMetadata metadata) {}
