package dev.frontdesk.gateway.aggregation.internal;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A leg as declared through the public {@code Leg} DSL, already validated field by field. A plain
 * holder: the DSL fills it, {@link Plan} checks it as a whole and never changes it afterwards.
 */
public final class LegSpec {
  public final String name;
  public @Nullable String method;
  public @Nullable String upstream;
  public @Nullable Template target;
  public @Nullable JsonNode bodyTemplate;
  public @Nullable Duration timeout;
  public boolean optional;
  public @Nullable JsonNode fallback;
  public final Set<Integer> passThroughStatuses = new LinkedHashSet<>();
  public long maxResponseBytes = -1;
  public final Map<String, Template> headers = new LinkedHashMap<>();
  public final Set<String> forwardHeaders = new LinkedHashSet<>();
  public boolean forwardCredentials;
  public @Nullable String forEachLeg;
  public JsonPointer forEachPointer = JsonPointer.empty();
  public int concurrency = 4;
  public int maxItems = 100;
  public @Nullable JsonPointer select;
  public @Nullable List<String> include;
  public final List<String> exclude = new ArrayList<>();
  public final Map<String, String> renames = new LinkedHashMap<>();
  public @Nullable String key;
  public boolean merge;

  public LegSpec(String name) {
    this.name = name;
  }

  /** The key the leg is nested under: {@code as(..)} or its name. */
  public String outputKey() {
    return key != null ? key : name;
  }

  /** The templates whose references the leg needs, to find its dependencies. */
  public List<Template> templates() {
    List<Template> all = new ArrayList<>();
    if (target != null) {
      all.add(target);
    }
    all.addAll(headers.values());
    if (bodyTemplate != null) {
      BodyTemplates.collect(bodyTemplate, all);
    }
    return all;
  }
}
