package dev.frontdesk.gateway.internal;

import java.util.Map;

/** The route a request matched and the path variables it captured. */
public record RouteMatch(CompiledRoute route, Map<String, String> variables) {}
