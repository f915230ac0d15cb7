package dev.frontdesk.gateway.grpc.internal;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.MethodDescriptor;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * An {@link HttpRule} made ready for the gateway's router: the template rewritten as a Frontdesk
 * path pattern, each variable tied to the field it sets, and the body's destination resolved.
 *
 * <p>Templates: literal segments, {@code *}, a final {@code **}, and variables {@code {field}},
 * {@code {nested.field}} and {@code {field=*}}, which capture one segment. Multi-segment variables
 * ({@code {name=shelves/*}}) and a {@code :verb} after a variable are refused, because the router
 * captures single segments only.
 *
 * @param path the route's path pattern, variables renamed to {@code field_path} forms
 * @param variables route variable name to the field it sets
 * @param bodyField the field the body fills; null with {@code wholeBody} false: no body is read
 */
public record Binding(
    MethodDescriptor method,
    String verb,
    String path,
    Map<String, FieldPath> variables,
    boolean wholeBody,
    @Nullable FieldDescriptor bodyField) {
  private static final Pattern VARIABLE = Pattern.compile("\\{([A-Za-z_][A-Za-z0-9_.]*)(?:=\\*)?}");

  /**
   * @throws IllegalArgumentException naming the method and what cannot be transcoded
   */
  public static Binding of(MethodDescriptor method, HttpRule rule) {
    String where = method.getFullName() + " (" + rule.verb() + " " + rule.template() + ")";
    if (!rule.template().startsWith("/")) {
      throw new IllegalArgumentException(where + ": path template must start with '/'");
    }
    if (!rule.responseBody().isEmpty()) {
      throw new IllegalArgumentException(where + ": response_body is not supported");
    }
    if (!rule.verb().matches("[A-Z]+")) {
      throw new IllegalArgumentException(
          where + ": custom verb '" + rule.verb() + "' is not an HTTP method");
    }
    Map<String, FieldPath> variables = new LinkedHashMap<>();
    StringBuilder path = new StringBuilder();
    for (String segment : rule.template().substring(1).split("/", -1)) {
      path.append('/');
      var m = VARIABLE.matcher(segment);
      if (m.matches()) {
        String name = m.group(1).replace('.', '_');
        FieldPath field = resolve(method, m.group(1), where);
        if (field.leaf().isRepeated() || variables.put(name, field) != null) {
          throw new IllegalArgumentException(
              where + ": variable '" + m.group(1) + "' cannot be bound");
        }
        path.append('{').append(name).append('}');
      } else if (segment.contains("{") || segment.contains("}")) {
        throw new IllegalArgumentException(
            where
                + ": only single-segment variables like {id} are supported, not '"
                + segment
                + "'");
      } else {
        path.append(segment);
      }
    }
    boolean whole = rule.body().equals("*");
    FieldDescriptor bodyField = null;
    if (!whole && !rule.body().isEmpty()) {
      bodyField = method.getInputType().findFieldByName(rule.body());
      if (bodyField == null) {
        throw new IllegalArgumentException(
            where
                + ": body '"
                + rule.body()
                + "' is not a field of "
                + method.getInputType().getFullName());
      }
    }
    return new Binding(
        method, rule.verb(), path.toString(), Map.copyOf(variables), whole, bodyField);
  }

  private static FieldPath resolve(MethodDescriptor method, String dotted, String where) {
    try {
      FieldPath field = FieldPath.resolve(method.getInputType(), dotted);
      if (field == null) {
        throw new IllegalArgumentException(
            "'" + dotted + "' is not a field of " + method.getInputType().getFullName());
      }
      return field;
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
    }
  }

  /** True for a server-streaming method. */
  public boolean streaming() {
    return method.isServerStreaming();
  }
}
