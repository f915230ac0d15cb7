package dev.frontdesk.gateway.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.frontdesk.gateway.Body;
import dev.frontdesk.gateway.Gateway;
import dev.frontdesk.gateway.Middleware;
import dev.frontdesk.gateway.Request;
import dev.frontdesk.gateway.Response;
import dev.frontdesk.gateway.Route;
import dev.frontdesk.gateway.UpstreamStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/** What the admin endpoints answer, as JSON: health, routes, upstreams. */
public final class AdminViews {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Supplier<Gateway> gateway;
  private final Set<String> requiredUpstreams;

  public AdminViews(Supplier<Gateway> gateway, Set<String> requiredUpstreams) {
    this.gateway = gateway;
    this.requiredUpstreams = requiredUpstreams;
  }

  public Response live(Request request) {
    return json(200, JSON.createObjectNode().put("status", "UP"));
  }

  /** 200 UP, or 503 DOWN with the reasons: shutting down, a required upstream without instances. */
  public Response ready(Request request) {
    Gateway served = gateway.get();
    List<String> reasons = new ArrayList<>();
    if (!served.isAcceptingRequests()) {
      reasons.add("the gateway is shutting down");
    }
    List<UpstreamStatus> upstreams = served.upstreams();
    for (String required : requiredUpstreams) {
      UpstreamStatus status =
          upstreams.stream().filter(u -> u.name().equals(required)).findFirst().orElse(null);
      if (status == null) {
        reasons.add("required upstream '" + required + "' is not declared");
      } else if (!status.hasAvailableInstance()) {
        reasons.add("required upstream '" + required + "' has no available instance");
      }
    }
    ObjectNode body = JSON.createObjectNode().put("status", reasons.isEmpty() ? "UP" : "DOWN");
    if (!reasons.isEmpty()) {
      reasons.forEach(body.putArray("reasons")::add);
    }
    return json(reasons.isEmpty() ? 200 : 503, body);
  }

  public Response routes(Request request) {
    ArrayNode routes = JSON.createArrayNode();
    for (Route route : gateway.get().routes()) {
      ObjectNode r = routes.addObject().put("id", route.id()).put("path", route.path());
      if (route.host() != null) {
        r.put("host", route.host());
      }
      route.methods().stream().sorted().forEach(r.putArray("methods")::add);
      route.conditions().forEach(r.putArray("conditions")::add);
      ArrayNode middleware = r.putArray("middleware");
      for (Middleware m : route.middleware()) {
        middleware.add(m.toString());
      }
    }
    return json(200, routes);
  }

  public Response upstreams(Request request) {
    ArrayNode upstreams = JSON.createArrayNode();
    for (UpstreamStatus status : gateway.get().upstreams()) {
      ObjectNode u = upstreams.addObject().put("name", status.name());
      if (status.circuit() != null) {
        u.put("circuit", status.circuit());
      }
      ArrayNode instances = u.putArray("instances");
      for (UpstreamStatus.InstanceStatus i : status.instances()) {
        ObjectNode node =
            instances
                .addObject()
                .put("url", i.url())
                .put("available", i.available())
                .put("healthy", i.healthy())
                .put("ejected", i.ejected())
                .put("inFlight", i.inFlight());
        if (i.circuit() != null) {
          node.put("circuit", i.circuit());
        }
      }
    }
    return json(200, upstreams);
  }

  private static Response json(int status, Object tree) {
    try {
      return Response.builder()
          .status(status)
          .header("Content-Type", "application/json")
          .header("Cache-Control", "no-store")
          .body(Body.of(JSON.writeValueAsBytes(tree)))
          .build();
    } catch (java.io.IOException impossible) {
      throw new IllegalStateException(impossible);
    }
  }
}
