package dev.frontdesk.gateway.internal.upstream;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.frontdesk.gateway.Instance;
import dev.frontdesk.gateway.ServiceDiscovery;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Instances listed in a JSON or YAML file, read again when its bytes change. Polling the content
 * (rather than a WatchService) works the same on every file system, including mounted config maps
 * whose files are swapped by symlink, and never misses an edit within the same mtime second.
 */
public final class FileDiscovery implements ServiceDiscovery {
  private static final Logger log = LoggerFactory.getLogger(FileDiscovery.class);

  private final Path path;
  private final Duration pollInterval;
  private final ObjectMapper mapper;
  private byte[] last = new byte[0];

  public FileDiscovery(Path path, Duration pollInterval) {
    this.path = path;
    this.pollInterval = pollInterval;
    this.mapper = new ObjectMapper(factoryFor(path));
  }

  private static JsonFactory factoryFor(Path path) {
    String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
    if (!name.endsWith(".yaml") && !name.endsWith(".yml")) {
      return new JsonFactory();
    }
    try {
      return (JsonFactory)
          Class.forName("com.fasterxml.jackson.dataformat.yaml.YAMLFactory")
              .getConstructor()
              .newInstance();
    } catch (ReflectiveOperationException | LinkageError e) {
      throw new IllegalArgumentException(
          "reading "
              + path
              + " needs com.fasterxml.jackson.dataformat:jackson-dataformat-yaml on the class path");
    }
  }

  @Override
  public Closeable start(Context context) throws IOException {
    List<Instance> first = parse(Files.readAllBytes(path));
    context.update(first);
    ScheduledFuture<?> task =
        context
            .scheduler()
            .scheduleWithFixedDelay(
                () -> poll(context),
                pollInterval.toMillis(),
                pollInterval.toMillis(),
                TimeUnit.MILLISECONDS);
    return () -> task.cancel(false);
  }

  private synchronized void poll(Context context) {
    try {
      byte[] content = Files.readAllBytes(path);
      if (Arrays.equals(content, last)) {
        return;
      }
      List<Instance> instances = parse(content);
      context.update(instances);
    } catch (IOException | RuntimeException e) {
      log.warn(
          "upstream '{}': reading {} failed, keeping the last instances: {}",
          context.upstream(),
          path,
          e.toString());
    }
  }

  /** Parses the file; remembers the content only once it parsed, so a fixed file is read again. */
  synchronized List<Instance> parse(byte[] content) throws IOException {
    JsonNode root = mapper.readTree(content);
    JsonNode list = root != null && root.isObject() ? root.get("instances") : root;
    if (list == null || !list.isArray()) {
      throw new IOException(
          path + ": expected a list of instances, or an object with an 'instances' list");
    }
    List<Instance> instances = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      instances.add(instance(list.get(i), i));
    }
    last = content;
    return instances;
  }

  private Instance instance(JsonNode node, int index) throws IOException {
    try {
      if (node.isTextual()) {
        return Instance.of(node.asText());
      }
      JsonNode url = node.get("url");
      if (url == null || !url.isTextual()) {
        throw new IllegalArgumentException("'url' is missing");
      }
      Instance.Builder b = Instance.builder(url.asText());
      if (node.hasNonNull("weight")) {
        b.weight(node.get("weight").asInt());
      }
      if (node.hasNonNull("zone")) {
        b.zone(node.get("zone").asText());
      }
      JsonNode metadata = node.get("metadata");
      if (metadata != null && metadata.isObject()) {
        for (var entry : metadata.properties()) {
          b.metadata(entry.getKey(), entry.getValue().asText());
        }
      }
      return b.build();
    } catch (IllegalArgumentException e) {
      throw new IOException(path + ": instances[" + index + "]: " + e.getMessage(), e);
    }
  }

  /** Equal when the file and the interval are. */
  @Override
  public boolean equals(@org.jspecify.annotations.Nullable Object o) {
    return o instanceof FileDiscovery other
        && java.util.Objects.equals(path, other.path)
        && java.util.Objects.equals(pollInterval, other.pollInterval);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(path, pollInterval);
  }

  @Override
  public String toString() {
    return "file " + path;
  }
}
