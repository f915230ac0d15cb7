/**
 * Runnable examples of Frontdesk: the demo ({@link dev.frontdesk.examples.DemoMain}, three small
 * services behind a gateway in embedded Jetty) and the two ways to host a gateway in an embedded
 * servlet container ({@link dev.frontdesk.examples.EmbedInJetty}, {@link
 * dev.frontdesk.examples.EmbedInTomcat}). Not API: read them, copy them.
 */
@NullMarked
package dev.frontdesk.examples;

import org.jspecify.annotations.NullMarked;
