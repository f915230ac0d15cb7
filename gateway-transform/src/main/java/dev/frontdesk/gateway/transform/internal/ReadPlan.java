package dev.frontdesk.gateway.transform.internal;

import com.fasterxml.jackson.core.JsonPointer;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Which containers of a JSON body a program's steps can reach, worked out once when the transform
 * is built, so that {@link PartialJsonReader} builds only those and keeps the rest as raw bytes.
 * Building the whole tree and writing it back is most of a transform's cost, and most of a body is
 * usually untouched.
 *
 * <p>A step navigates through the proper prefixes of its pointers, so those are built; its own
 * target may stay raw (removing or replacing a raw value is fine). Two things would let a later
 * step reach a value by a path other than the one it had in the body, so they are built whole: a
 * value that {@code rename} or {@code move} relocates, and an array that is the direct parent of a
 * step's target (an insert or removal shifts the indexes of the elements after it).
 */
public final class ReadPlan {
  /** A path through the body: build the container found there, or everything under it. */
  static final class Node {
    private final Map<String, Node> children = new HashMap<>();
    private int maxIndex = -1; // the largest child that can be an array index
    boolean deep; // build everything under this path
    boolean deepIfArray; // build everything under this path when it is an array

    /** The plan for a member or element of this container, or null: nothing goes through it. */
    @Nullable Node child(String name) {
      return children.get(name);
    }

    /** The plan for element {@code index} of this container as an array, or null. */
    @Nullable Node element(int index) {
      return index > maxIndex ? null : children.get(Integer.toString(index));
    }

    private Node step(JsonPointer segment) {
      maxIndex = Math.max(maxIndex, segment.getMatchingIndex());
      return children.computeIfAbsent(segment.getMatchingProperty(), name -> new Node());
    }
  }

  private final Node root = new Node();
  private boolean any; // the root is built only when some step goes into it

  /** The plan for the whole document, or null when no step goes into it. */
  @Nullable Node root() {
    return any ? root : null;
  }

  /**
   * A step works at {@code target}: build the containers on its way, and its parent if an array.
   */
  public void target(JsonPointer target) {
    if (target.matches()) {
      return; // the document itself is replaced: nothing on the way
    }
    any = true;
    Node parent = root;
    for (JsonPointer p = target; !p.tail().matches(); p = p.tail()) {
      parent = parent.step(p);
    }
    parent.deepIfArray = true;
  }

  /** A step relocates the value at {@code source}: build it whole, wherever later steps find it. */
  public void relocated(JsonPointer source) {
    if (source.matches()) {
      return; // the builders refuse it: the document itself is never relocated
    }
    target(source);
    Node node = root;
    for (JsonPointer p = source; !p.matches(); p = p.tail()) {
      node = node.step(p);
    }
    node.deep = true;
  }
}
