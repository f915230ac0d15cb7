package dev.frontdesk.gateway.grpc.internal;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A dotted path to a field ({@code user.id}) that a path variable or a query parameter sets: every
 * field but the last is a singular message, the last holds a value text can spell (a scalar, an
 * enum, or a well-known type such as {@code Timestamp}).
 */
public record FieldPath(String dotted, List<FieldDescriptor> fields) {
  /**
   * Resolves {@code dotted} in {@code type}, each segment by its proto or JSON name, or returns
   * null when a segment names no field.
   *
   * @throws IllegalArgumentException when the path crosses a repeated field or ends on a message
   */
  public static @Nullable FieldPath resolve(Descriptor type, String dotted) {
    List<FieldDescriptor> fields = new ArrayList<>();
    Descriptor current = type;
    String[] segments = dotted.split("\\.", -1);
    for (int i = 0; i < segments.length; i++) {
      FieldDescriptor field = find(current, segments[i]);
      if (field == null) {
        return null;
      }
      fields.add(field);
      boolean last = i == segments.length - 1;
      if (!last) {
        if (field.getJavaType() != FieldDescriptor.JavaType.MESSAGE || field.isRepeated()) {
          throw new IllegalArgumentException(
              "'" + dotted + "': '" + segments[i] + "' is not a singular message field");
        }
        current = field.getMessageType();
      } else if (field.getJavaType() == FieldDescriptor.JavaType.MESSAGE
          && !field.getMessageType().getFile().getPackage().equals("google.protobuf")) {
        throw new IllegalArgumentException(
            "'" + dotted + "' is a message field, which one text value cannot set");
      }
    }
    return new FieldPath(dotted, List.copyOf(fields));
  }

  /** The field with this proto or JSON name, or null. */
  static @Nullable FieldDescriptor find(Descriptor type, String name) {
    FieldDescriptor field = type.findFieldByName(name);
    if (field != null) {
      return field;
    }
    for (FieldDescriptor f : type.getFields()) {
      if (f.getJsonName().equals(name)) {
        return f;
      }
    }
    return null;
  }

  /** The last field. */
  public FieldDescriptor leaf() {
    return fields.get(fields.size() - 1);
  }
}
