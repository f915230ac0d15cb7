/**
 * The upstream transport: the seam every upstream call goes through ({@link
 * dev.frontdesk.gateway.internal.http.UpstreamTransport}), Frontdesk's own blocking HTTP/1.1 client
 * behind it, and an adapter for a user's OkHttp client. Not API: anything here may change at any
 * time without notice.
 */
@NullMarked
package dev.frontdesk.gateway.internal.http;

import org.jspecify.annotations.NullMarked;
