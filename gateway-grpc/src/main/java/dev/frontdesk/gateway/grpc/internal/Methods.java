package dev.frontdesk.gateway.grpc.internal;

import com.google.protobuf.DescriptorProtos.FileDescriptorSet;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.Descriptors.MethodDescriptor;
import com.google.protobuf.Descriptors.ServiceDescriptor;
import com.google.protobuf.util.JsonFormat;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The bindings of a descriptor set's services, checked: every unary and server-streaming method of
 * the chosen services, by its {@code google.api.http} rules or the default {@code POST
 * /package.Service/Method}. Client- and bidirectional-streaming methods get no route: one HTTP
 * request and response cannot carry them.
 */
public final class Methods {
  private final List<Binding> bindings;
  private final JsonFormat.TypeRegistry types;

  private Methods(List<Binding> bindings, JsonFormat.TypeRegistry types) {
    this.bindings = bindings;
    this.types = types;
  }

  /** Returns null, with the reasons added to {@code problems}, when the set cannot be used. */
  public static @Nullable Methods load(
      @Nullable FileDescriptorSet set, Set<String> services, List<String> problems) {
    if (set == null) {
      return null;
    }
    List<FileDescriptor> files;
    try {
      files = DescriptorSets.link(set);
    } catch (IllegalArgumentException e) {
      problems.add(e.getMessage());
      return null;
    }
    Descriptor httpRule = null;
    JsonFormat.TypeRegistry.Builder types = JsonFormat.TypeRegistry.newBuilder();
    List<ServiceDescriptor> chosen = new ArrayList<>();
    Set<String> unknown = new LinkedHashSet<>(services);
    for (FileDescriptor file : files) {
      file.getMessageTypes().stream().findFirst().ifPresent(types::add);
      if (file.getPackage().equals("google.api")
          && file.findMessageTypeByName("HttpRule") != null) {
        httpRule = file.findMessageTypeByName("HttpRule");
      }
      for (ServiceDescriptor service : file.getServices()) {
        if (services.isEmpty() || unknown.remove(service.getFullName())) {
          chosen.add(service);
        }
      }
    }
    if (!unknown.isEmpty()) {
      problems.add("services not in the descriptor set: " + unknown);
    }
    List<Binding> bindings = new ArrayList<>();
    for (ServiceDescriptor service : chosen) {
      for (MethodDescriptor method : service.getMethods()) {
        if (method.isClientStreaming()) {
          continue;
        }
        try {
          List<HttpRule> rules = HttpRule.of(method, httpRule);
          for (HttpRule rule : rules.isEmpty() ? List.of(HttpRule.fallback(method)) : rules) {
            bindings.add(Binding.of(method, rule));
          }
        } catch (IllegalArgumentException e) {
          problems.add(e.getMessage());
        }
      }
    }
    if (bindings.isEmpty() && problems.isEmpty()) {
      problems.add("the descriptor set has no unary or server-streaming method to route");
    }
    return new Methods(List.copyOf(bindings), types.build());
  }

  /**
   * What every route shares: channels, JSON rules (Any resolved within the set), deadline,
   * metadata.
   */
  public Transcoding transcoding(
      Channels channels, Duration timeout, HeaderMetadata metadata, int maxMessageBytes) {
    JsonFormat.Parser parser = JsonFormat.parser().usingTypeRegistry(types);
    JsonFormat.Printer printer =
        JsonFormat.printer().usingTypeRegistry(types).omittingInsignificantWhitespace();
    return new Transcoding(
        channels, new RequestMessages(parser, maxMessageBytes), printer, timeout, metadata);
  }

  /**
   * One route per binding; a method's additional bindings get ids ending {@code #2}, {@code #3}...
   */
  public List<MethodRoute> routes(Transcoding shared) {
    List<MethodRoute> routes = new ArrayList<>();
    MethodDescriptor last = null;
    int n = 0;
    for (Binding binding : bindings) {
      n = binding.method() == last ? n + 1 : 1;
      last = binding.method();
      String name = binding.method().getService().getFullName() + "/" + binding.method().getName();
      routes.add(
          new MethodRoute(
              n == 1 ? name : name + "#" + n,
              binding.verb(),
              binding.path(),
              new TranscodingHandler(binding, shared),
              name));
    }
    return List.copyOf(routes);
  }
}
