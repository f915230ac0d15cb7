package dev.frontdesk.gateway.transform.internal;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Edits of a JSON tree at RFC 6901 pointers. An edit whose target is absent, or whose parent is not
 * an object or array, does nothing: a transform never fails on the shape of a body.
 */
public final class JsonPointers {
  private JsonPointers() {}

  /** Compiles a pointer; throws IllegalArgumentException naming the option and the pointer. */
  public static JsonPointer compile(String option, String pointer) {
    try {
      return JsonPointer.compile(pointer);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          option + ": '" + pointer + "' is not a JSON Pointer (it must be empty or start with '/')",
          e);
    }
  }

  /**
   * Puts {@code value} at {@code pointer}: an object member is created or replaced, an array
   * element replaced ({@code insert} false) or inserted before ({@code insert} true); {@code -} or
   * the array's length appends. With {@code createParents}, missing objects on the way are made.
   * The empty pointer replaces the document. Returns the document.
   */
  public static JsonNode put(
      JsonNode doc, JsonPointer pointer, JsonNode value, boolean insert, boolean createParents) {
    if (pointer.matches()) {
      return value;
    }
    JsonNode parent = createParents ? parents(doc, pointer) : doc.at(pointer.head());
    JsonPointer last = pointer.last();
    if (parent instanceof ObjectNode object) {
      object.set(last.getMatchingProperty(), value);
    } else if (parent instanceof ArrayNode array) {
      int index = last.getMatchingProperty().equals("-") ? array.size() : last.getMatchingIndex();
      if (index >= 0 && index < array.size()) {
        if (insert) {
          array.insert(index, value);
        } else {
          array.set(index, value);
        }
      } else if (index == array.size()) {
        array.add(value);
      }
    }
    return doc;
  }

  /** Removes the value at {@code pointer} and returns it, or null when absent. */
  public static @Nullable JsonNode remove(JsonNode doc, JsonPointer pointer) {
    if (pointer.matches()) {
      return null; // the document itself is not removed
    }
    JsonNode parent = doc.at(pointer.head());
    JsonPointer last = pointer.last();
    if (parent instanceof ObjectNode object) {
      return object.remove(last.getMatchingProperty());
    }
    if (parent instanceof ArrayNode array) {
      int index = last.getMatchingIndex();
      return index >= 0 && index < array.size() ? array.remove(index) : null;
    }
    return null;
  }

  /** Renames the object member at {@code pointer}, keeping its place among its siblings. */
  public static void rename(JsonNode doc, JsonPointer pointer, String newName) {
    if (pointer.matches() || !(doc.at(pointer.head()) instanceof ObjectNode object)) {
      return;
    }
    String name = pointer.last().getMatchingProperty();
    if (!object.has(name) || name.equals(newName)) {
      return;
    }
    Map<String, JsonNode> fields = new LinkedHashMap<>();
    List<Map.Entry<String, JsonNode>> entries = new ArrayList<>(object.properties());
    for (Map.Entry<String, JsonNode> e : entries) {
      if (!e.getKey().equals(newName)) {
        fields.put(e.getKey().equals(name) ? newName : e.getKey(), e.getValue());
      }
    }
    object.removeAll();
    object.setAll(fields);
  }

  /** The parent container of {@code pointer}, making missing object members on the way. */
  private static @Nullable JsonNode parents(JsonNode doc, JsonPointer pointer) {
    JsonNode node = doc;
    for (JsonPointer p = pointer; p.tail() != null && !p.tail().matches(); p = p.tail()) {
      JsonNode next = node.at("/" + escape(p.getMatchingProperty()));
      if (next.isMissingNode()) {
        if (!(node instanceof ObjectNode object)) {
          return null;
        }
        next = object.putObject(p.getMatchingProperty());
      }
      node = next;
    }
    return node;
  }

  private static String escape(String segment) {
    return segment.replace("~", "~0").replace("/", "~1");
  }
}
