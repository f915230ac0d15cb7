package dev.frontdesk.gateway.grpc.internal;

import com.google.protobuf.AnyProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorSet;
import com.google.protobuf.Descriptors.DescriptorValidationException;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.DurationProto;
import com.google.protobuf.EmptyProto;
import com.google.protobuf.FieldMaskProto;
import com.google.protobuf.StructProto;
import com.google.protobuf.TimestampProto;
import com.google.protobuf.WrappersProto;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a descriptor set into linked file descriptors. Files may come in any order; a dependency
 * missing from the set is accepted only when it is one of protobuf's well-known types, which the
 * runtime carries itself (a set made without {@code --include_imports} usually lacks only those).
 */
public final class DescriptorSets {
  private static final Map<String, FileDescriptor> WELL_KNOWN = new HashMap<>();

  static {
    for (FileDescriptor f :
        new FileDescriptor[] {
          com.google.protobuf.DescriptorProtos.getDescriptor(),
          AnyProto.getDescriptor(),
          DurationProto.getDescriptor(),
          EmptyProto.getDescriptor(),
          FieldMaskProto.getDescriptor(),
          StructProto.getDescriptor(),
          TimestampProto.getDescriptor(),
          WrappersProto.getDescriptor()
        }) {
      WELL_KNOWN.put(f.getName(), f);
    }
  }

  private DescriptorSets() {}

  /**
   * Every file of the set, linked. @throws IllegalArgumentException naming what is missing or
   * invalid
   */
  public static List<FileDescriptor> link(FileDescriptorSet set) {
    Map<String, FileDescriptorProto> protos = new LinkedHashMap<>();
    for (FileDescriptorProto file : set.getFileList()) {
      protos.put(file.getName(), file);
    }
    Map<String, FileDescriptor> linked = new HashMap<>();
    List<FileDescriptor> result = new ArrayList<>();
    for (String name : protos.keySet()) {
      result.add(link(name, protos, linked, new ArrayList<>()));
    }
    return result;
  }

  private static FileDescriptor link(
      String name,
      Map<String, FileDescriptorProto> protos,
      Map<String, FileDescriptor> linked,
      List<String> path) {
    FileDescriptor done = linked.get(name);
    if (done != null) {
      return done;
    }
    FileDescriptorProto proto = protos.get(name);
    if (proto == null) {
      FileDescriptor wellKnown = WELL_KNOWN.get(name);
      if (wellKnown != null) {
        return wellKnown;
      }
      throw new IllegalArgumentException(
          "descriptor set lacks '"
              + name
              + "', imported by '"
              + path.get(path.size() - 1)
              + "' (make it with protoc --include_imports)");
    }
    if (path.contains(name)) {
      throw new IllegalArgumentException(
          "descriptor set has an import cycle through '" + name + "'");
    }
    path.add(name);
    List<FileDescriptor> deps = new ArrayList<>();
    for (String dep : proto.getDependencyList()) {
      deps.add(link(dep, protos, linked, path));
    }
    path.remove(path.size() - 1);
    try {
      FileDescriptor file = FileDescriptor.buildFrom(proto, deps.toArray(new FileDescriptor[0]));
      linked.put(name, file);
      return file;
    } catch (DescriptorValidationException e) {
      throw new IllegalArgumentException(
          "descriptor set file '" + name + "' is invalid: " + e.getMessage(), e);
    }
  }
}
