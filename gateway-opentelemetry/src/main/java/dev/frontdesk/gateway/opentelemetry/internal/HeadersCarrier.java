package dev.frontdesk.gateway.opentelemetry.internal;

import dev.frontdesk.gateway.Headers;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapSetter;
import java.util.Collections;
import java.util.Iterator;
import org.jspecify.annotations.Nullable;

/** Lets a propagator read Frontdesk's {@link Headers} and write into a {@link Headers.Builder}. */
final class HeadersCarrier {
  /**
   * Reads fields case-insensitively, as {@link Headers} does (RFC 9110 §5.1). {@code keys()} keeps
   * its empty default: OpenTelemetry deprecated it in 1.68, and only the deprecated OpenTracing and
   * Jaeger propagators enumerate fields (opentelemetry-java#8470).
   */
  static final TextMapGetter<Headers> GETTER =
      new TextMapGetter<>() {
        @Override
        public @Nullable String get(@Nullable Headers carrier, String key) {
          return carrier == null ? null : carrier.get(key);
        }

        /** Every line of a repeated field ({@code baggage} may come in several, RFC 9110 §5.3). */
        @Override
        public Iterator<String> getAll(@Nullable Headers carrier, String key) {
          return carrier == null ? Collections.emptyIterator() : carrier.values(key).iterator();
        }
      };

  /** Replaces every value of the field: the context sent upstream is the gateway's, not a mix. */
  static final TextMapSetter<Headers.Builder> SETTER =
      (carrier, key, value) -> {
        if (carrier != null) {
          carrier.set(key, value);
        }
      };

  private HeadersCarrier() {}
}
