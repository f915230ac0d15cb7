/**
 * The upstream side of the proxy: instance groups, load-balancing pickers, outlier ejection, active
 * health checks, circuit breakers, retry budgets, the try loop and discovery sources. Not API:
 * anything here may change at any time without notice.
 */
@NullMarked
package dev.frontdesk.gateway.internal.upstream;

import org.jspecify.annotations.NullMarked;
