package dev.frontdesk.gateway.grpc;

import com.google.protobuf.DescriptorProtos.FileDescriptorSet;
import dev.frontdesk.gateway.Durations;
import dev.frontdesk.gateway.grpc.internal.HeaderMetadata;
import io.grpc.ChannelCredentials;
import io.grpc.InsecureChannelCredentials;
import io.grpc.TlsChannelCredentials;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The builder's state, with the checks each option makes when it is set: a refused option throws
 * {@link IllegalArgumentException} and changes nothing, which the builder records. Problems that
 * only the whole configuration reveals are collected for {@code build()}.
 */
final class Settings {
  /** Reads a descriptor set; failures become configuration problems. */
  interface Source {
    FileDescriptorSet read() throws IOException;
  }

  private @Nullable String sourceName;
  private @Nullable Source source;
  private final Set<String> services = new LinkedHashSet<>();
  private @Nullable List<String> targets;
  private @Nullable String security;
  private @Nullable Path trust;
  private boolean plaintext;
  private @Nullable Duration timeout;
  private final List<String> headers =
      new ArrayList<>(List.of("X-Request-Id", "traceparent", "tracestate"));
  private int maxMessageSize = 4 << 20;

  void source(String name, Source source) {
    this.sourceName = name;
    this.source = source;
  }

  void services(String... names) {
    for (String name : names) {
      Objects.requireNonNull(name, "service name");
      if (name.isBlank() || name.contains("/")) {
        throw new IllegalArgumentException(
            "service must be a full name like 'users.v1.Users': '" + name + "'");
      }
    }
    services.addAll(List.of(names));
  }

  void targets(String option, String... given) {
    for (String target : given) {
      Objects.requireNonNull(target, "target");
    }
    if (given.length == 0) {
      throw new IllegalArgumentException(option + ": at least one target is required");
    }
    for (String target : given) {
      if (target.isBlank()) {
        throw new IllegalArgumentException(option + ": target is blank");
      }
    }
    this.targets = List.of(given);
  }

  void security(String name, @Nullable Path trust, boolean plaintext) {
    if (trust != null && !Files.isReadable(trust)) {
      throw new IllegalArgumentException("tlsTrusting: cannot read '" + trust + "'");
    }
    this.security = name;
    this.trust = trust;
    this.plaintext = plaintext;
  }

  void timeout(Duration timeout) {
    Objects.requireNonNull(timeout, "timeout");
    this.timeout = Durations.positive(timeout, "timeout");
  }

  void forwardHeaders(String... names) {
    for (String name : names) {
      Objects.requireNonNull(name, "header name");
    }
    for (String name : names) {
      HeaderMetadata.check(name);
    }
    headers.addAll(List.of(names));
  }

  void maxMessageSize(int bytes) {
    if (bytes <= 0) {
      throw new IllegalArgumentException("maxMessageSize must be positive: " + bytes);
    }
    this.maxMessageSize = bytes;
  }

  /** What is missing, each as a sentence. */
  List<String> problems() {
    List<String> problems = new ArrayList<>();
    if (source == null) {
      problems.add("no descriptor set: call descriptorSet(Path) or descriptorSetResource(String)");
    }
    if (targets == null) {
      problems.add("no target: call target(\"host:port\") or targets(...)");
    }
    return problems;
  }

  @Nullable FileDescriptorSet descriptorSet(List<String> problems) {
    if (source == null) {
      return null;
    }
    try {
      return source.read();
    } catch (IOException e) {
      problems.add(sourceName + ": " + e.getMessage());
      return null;
    }
  }

  static FileDescriptorSet read(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return FileDescriptorSet.parseFrom(in);
    } catch (java.nio.file.NoSuchFileException e) {
      throw new IOException("no such file", e);
    }
  }

  static FileDescriptorSet resource(String name) throws IOException {
    String path = name.startsWith("/") ? name.substring(1) : name;
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    InputStream found = loader == null ? null : loader.getResourceAsStream(path);
    if (found == null) {
      found = Settings.class.getClassLoader().getResourceAsStream(path);
    }
    if (found == null) {
      throw new IOException("no such classpath resource");
    }
    try (InputStream in = found) {
      return FileDescriptorSet.parseFrom(in);
    }
  }

  Set<String> services() {
    return services;
  }

  List<String> targets() {
    return Objects.requireNonNull(targets);
  }

  ChannelCredentials credentials() {
    if (plaintext) {
      return InsecureChannelCredentials.create();
    }
    if (trust == null) {
      return TlsChannelCredentials.create();
    }
    try {
      return TlsChannelCredentials.newBuilder().trustManager(trust.toFile()).build();
    } catch (IOException e) {
      throw new dev.frontdesk.gateway.GatewayConfigException(
          List.of("tlsTrusting(" + trust + "): " + e.getMessage()));
    }
  }

  Duration timeout() {
    return timeout != null ? timeout : Duration.ofSeconds(30);
  }

  List<String> headers() {
    return headers;
  }

  int maxMessageSize() {
    return maxMessageSize;
  }
}
