package dev.frontdesk.gateway.grpc.internal;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Finds which field made a JSON merge fail. {@link JsonFormat} says what was wrong ("Not an int64
 * value") but not where; this walks the JSON again, merging one field at a time and descending into
 * messages, only after a merge failed, so a good request pays nothing for it.
 */
final class FieldErrors {
  private static final Gson GSON = new Gson();

  private FieldErrors() {}

  /** A message for the client naming the first wrong field, as a dotted path with array indexes. */
  static String locate(JsonFormat.Parser parser, Descriptor type, JsonObject json) {
    String found = walk(parser, type, json, "");
    return found != null ? found : "request does not fit " + type.getFullName();
  }

  private static @Nullable String walk(
      JsonFormat.Parser parser, Descriptor type, JsonObject json, String prefix) {
    for (Map.Entry<String, JsonElement> entry : json.entrySet()) {
      String path = prefix + entry.getKey();
      FieldDescriptor field = FieldPath.find(type, entry.getKey());
      if (field == null) {
        return "unknown field '" + path + "' (not in " + type.getFullName() + ")";
      }
      JsonObject single = new JsonObject();
      single.add(entry.getKey(), entry.getValue());
      try {
        parser.merge(GSON.toJson(single), DynamicMessage.newBuilder(type));
      } catch (InvalidProtocolBufferException | RuntimeException e) {
        String deeper = descend(parser, field, entry.getValue(), path);
        return deeper != null ? deeper : "field '" + path + "': " + describe(e);
      }
    }
    return null;
  }

  private static @Nullable String descend(
      JsonFormat.Parser parser, FieldDescriptor field, JsonElement value, String path) {
    if (field.getJavaType() != FieldDescriptor.JavaType.MESSAGE
        || field.isMapField()
        || field.getMessageType().getFile().getPackage().equals("google.protobuf")) {
      return null;
    }
    Descriptor type = field.getMessageType();
    if (!field.isRepeated() && value.isJsonObject()) {
      return walk(parser, type, value.getAsJsonObject(), path + ".");
    }
    if (field.isRepeated() && value.isJsonArray()) {
      JsonArray array = value.getAsJsonArray();
      for (int i = 0; i < array.size(); i++) {
        if (array.get(i).isJsonObject()) {
          String found = walk(parser, type, array.get(i).getAsJsonObject(), path + "[" + i + "].");
          if (found != null) {
            return found;
          }
        }
      }
    }
    return null;
  }

  private static String describe(Exception e) {
    String message = e.getMessage();
    if (message == null || message.equals("null") || message.startsWith("java.")) {
      return "the value has the wrong JSON type";
    }
    return message;
  }
}
