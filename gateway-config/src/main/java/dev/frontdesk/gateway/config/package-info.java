/**
 * Declarative configuration: a YAML or JSON file read into exactly the {@code Gateway} the builders
 * would make, with every problem reported at once by file, line and key path.
 */
@NullMarked
package dev.frontdesk.gateway.config;

import org.jspecify.annotations.NullMarked;
