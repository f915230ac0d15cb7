/**
 * Request and response transforms as middleware: JSON field operations and templates ({@link
 * dev.frontdesk.gateway.transform.JsonTransform}), XML to JSON and JSON to XML, query and method
 * rewriting ({@link dev.frontdesk.gateway.transform.RequestTransform}, {@link
 * dev.frontdesk.gateway.transform.ResponseTransform}), and gzip compression of responses ({@link
 * dev.frontdesk.gateway.transform.ResponseCompression}). A body is buffered only by a transform
 * that needs it, only for the media types it handles, and only up to its limit.
 */
@NullMarked
package dev.frontdesk.gateway.transform;

import org.jspecify.annotations.NullMarked;
