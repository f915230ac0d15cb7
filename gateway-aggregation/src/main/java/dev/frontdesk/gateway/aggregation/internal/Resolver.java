package dev.frontdesk.gateway.aggregation.internal;

import com.fasterxml.jackson.databind.JsonNode;

/** Gives references their values for one leg call; throws {@link Unresolved} when it cannot. */
public interface Resolver {
  /** The reference's value as text (a scalar's text for JSON references). */
  String text(Ref ref);

  /** The reference's value as JSON: the node itself for JSON references, else a text node. */
  JsonNode node(Ref ref);
}
