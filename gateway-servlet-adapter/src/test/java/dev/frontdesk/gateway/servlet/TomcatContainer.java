package dev.frontdesk.gateway.servlet;

import jakarta.servlet.Filter;
import jakarta.servlet.Servlet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.startup.Tomcat;
import org.apache.catalina.util.ServerInfo;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;
import org.jspecify.annotations.Nullable;

/**
 * Embedded Tomcat with its default connector settings and a throwaway base directory, or with
 * {@link TomcatErrors} installed.
 */
final class TomcatContainer implements Container {
  private final Tomcat tomcat = new Tomcat();
  private final boolean problemErrors;
  private @Nullable Path baseDir;

  /** Tomcat exactly as it comes. */
  TomcatContainer() {
    this(false);
  }

  private TomcatContainer(boolean problemErrors) {
    this.problemErrors = problemErrors;
  }

  /** Tomcat as the README embeds it: its own refusals as problem+json. */
  static TomcatContainer withProblemErrors() {
    return new TomcatContainer(true);
  }

  @Override
  public void start(Map<String, Servlet> servlets, @Nullable Filter filter) throws Exception {
    baseDir = Files.createTempDirectory("frontdesk-tomcat");
    tomcat.setBaseDir(baseDir.toString());
    tomcat.setHostname("127.0.0.1");
    tomcat.setPort(0);
    tomcat.getConnector().setProperty("address", "127.0.0.1");
    Context context = tomcat.addContext("", null);
    int i = 0;
    for (Map.Entry<String, Servlet> entry : servlets.entrySet()) {
      String name = "servlet" + i++;
      // Context.addServletMappingDecoded is deprecated in 10.1.59 (renamed addServletMapping).
      Tomcat.addServlet(context, name, entry.getValue()).addMapping(entry.getKey());
    }
    if (filter != null) {
      FilterDef def = new FilterDef();
      def.setFilterName("gateway");
      def.setFilter(filter);
      context.addFilterDef(def);
      FilterMap map = new FilterMap();
      map.setFilterName("gateway");
      map.addURLPattern("/*");
      context.addFilterMap(map);
    }
    if (problemErrors) {
      TomcatErrors.install(tomcat);
    }
    tomcat.start();
  }

  @Override
  public int port() {
    return tomcat.getConnector().getLocalPort();
  }

  @Override
  public void close() {
    try {
      tomcat.stop();
      tomcat.destroy();
    } catch (LifecycleException e) {
      throw new IllegalStateException("Tomcat did not stop", e);
    }
    if (baseDir != null) {
      try (Stream<Path> files = Files.walk(baseDir)) {
        files.sorted(Comparator.reverseOrder()).forEach(TomcatContainer::delete);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private static void delete(Path path) {
    try {
      Files.delete(path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public String toString() {
    return ServerInfo.getServerInfo();
  }
}
