package dev.frontdesk.gateway.config.internal;

import dev.frontdesk.gateway.GatewayConfigException;
import dev.frontdesk.gateway.config.ConfigProblem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * One reading of one file: where it is, how secrets are looked up, the problems found so far, and
 * every secret value seen, so that no problem message can echo one.
 */
public final class Ctx implements Tree.Sink {
  private static final Pattern REFERENCE = Pattern.compile("\\$?\\$\\{(env|file):([^}]*)}");

  private final String file;
  private final Path baseDir;
  private final Function<String, @Nullable String> env;
  private final boolean live;
  private final List<ConfigProblem> problems = new ArrayList<>();
  private final Set<String> secrets = new HashSet<>();
  private @Nullable Tree tree;
  private Carried previous = Carried.NONE;
  private final Carried next = new Carried();
  private final List<Watched> watched = new ArrayList<>();
  private final Set<String> located = new HashSet<>(); // builder problems reported already

  /**
   * @param live false for the first pass, which builds nothing that connects or starts threads
   */
  public Ctx(String file, Path baseDir, Function<String, @Nullable String> env, boolean live) {
    this.file = file;
    this.baseDir = baseDir;
    this.env = env;
    this.live = live;
  }

  void tree(Tree tree) {
    this.tree = tree;
  }

  /** What the previous reading built, to keep where the definition is the same (live pass only). */
  void carryFrom(Carried previous) {
    this.previous = previous;
  }

  Carried previous() {
    return live ? previous : Carried.NONE;
  }

  /** What this reading built, for the next. */
  Carried next() {
    return next;
  }

  /** Whether this pass builds things that start (Redis connections): only once nothing is wrong. */
  boolean live() {
    return live;
  }

  /** A path from the file, relative ones against the file's directory. */
  Path path(String value) {
    return baseDir.resolve(value);
  }

  /**
   * A message with the file's directory taken out of the paths it names: problems stay the same
   * anywhere.
   */
  String relative(String message) {
    return message.replace(baseDir.toString() + java.io.File.separator, "");
  }

  @Override
  public void problem(int line, String path, String message) {
    problems.add(new ConfigProblem(file, line, path, message));
  }

  /** A problem at {@code path}, located by the tree. */
  void problem(String path, String message) {
    problem(tree == null ? 1 : tree.line(path), path, relative(message));
  }

  boolean hasProblems() {
    return !problems.isEmpty();
  }

  int problemCount() {
    return problems.size();
  }

  /**
   * Runs a builder call; what it refuses becomes a problem at {@code path}: a mistake a {@linkplain
   * #watch watched} builder recorded during the call, a {@link GatewayConfigException}'s problems
   * that are not located already (a value builder's {@code build()} repeats its setters' ones), or
   * an {@code IllegalArgumentException} and the like from static factories, which still throw.
   * Returns whether it succeeded.
   */
  boolean attempt(String path, Runnable call) {
    boolean ok = true;
    try {
      call.run();
    } catch (GatewayConfigException e) {
      for (String p : e.problems()) {
        if (!located.contains(p)) {
          problem(path, p);
        }
      }
      ok = false;
    } catch (IllegalArgumentException
        | IllegalStateException
        | NullPointerException
        | UncheckedIOException
        | ArithmeticException e) {
      problem(path, String.valueOf(e.getMessage()));
      ok = false;
    }
    return locateRecorded(path) && ok;
  }

  /**
   * Follows a builder that records its mistakes instead of throwing ({@code problems()}): from now
   * on, what it records during an {@link #attempt} is reported at that attempt's path (the
   * innermost attempt, the key that was being set); what it recorded already is reported at {@code
   * path}.
   */
  void watch(Supplier<List<String>> problems, String path) {
    watched.add(new Watched(problems));
    locateRecorded(path);
  }

  /** Reports at {@code path} what the watched builders recorded since last looked at. */
  private boolean locateRecorded(String path) {
    boolean none = true;
    for (Watched w : watched) {
      List<String> recorded = w.problems.get();
      for (; w.seen < recorded.size(); w.seen++) {
        String p = recorded.get(w.seen);
        located.add(p);
        problem(path, p);
        none = false;
      }
    }
    return none;
  }

  private static final class Watched {
    final Supplier<List<String>> problems;
    int seen;

    Watched(Supplier<List<String>> problems) {
      this.problems = problems;
    }
  }

  /** Marks a value as secret: it is masked wherever a message would show it. */
  void secret(String value) {
    if (value.length() >= 3) {
      secrets.add(value);
    }
  }

  /**
   * Replaces {@code ${env:NAME}} and {@code ${file:path}} in a string value; {@code $${...}} stays
   * as the literal {@code ${...}}. Every substituted value is treated as a secret. Other {@code
   * ${...}}, such as a regex replacement's {@code ${name}} group, are left alone.
   */
  @Nullable String substitute(String raw, String path) {
    if (raw.indexOf("${") < 0) {
      return raw;
    }
    Matcher m = REFERENCE.matcher(raw);
    StringBuilder out = new StringBuilder();
    boolean ok = true;
    boolean substituted = false;
    while (m.find()) {
      if (m.group().startsWith("$$")) {
        m.appendReplacement(out, Matcher.quoteReplacement(m.group().substring(1)));
        continue;
      }
      String reference = "${" + m.group(1) + ":" + m.group(2) + "}";
      String value =
          m.group(1).equals("env")
              ? fromEnv(m.group(2), reference, path)
              : fromFile(m.group(2), reference, path);
      if (value == null) {
        ok = false;
        continue;
      }
      secret(value);
      substituted = true;
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    m.appendTail(out);
    if (substituted) {
      secret(out.toString());
    }
    return ok ? out.toString() : null;
  }

  private @Nullable String fromEnv(String name, String reference, String path) {
    if (name.isEmpty()) {
      problem(path, reference + " names no variable");
      return null;
    }
    String value = env.apply(name);
    if (value == null) {
      problem(path, reference + ": environment variable " + name + " is not set");
    }
    return value;
  }

  private @Nullable String fromFile(String name, String reference, String path) {
    if (name.isEmpty()) {
      problem(path, reference + " names no file");
      return null;
    }
    try {
      String content = Files.readString(path(name), StandardCharsets.UTF_8);
      // Secret files usually end with a newline that is not part of the secret.
      return content.endsWith("\r\n")
          ? content.substring(0, content.length() - 2)
          : content.endsWith("\n") ? content.substring(0, content.length() - 1) : content;
    } catch (IOException e) {
      problem(
          path,
          reference
              + ": cannot read "
              + name
              + (path(name).toString().equals(name)
                  ? ""
                  : " (relative to the" + " configuration file)")
              + ": "
              + e.getClass().getSimpleName());
      return null;
    }
  }

  /** The problems in file order, with every secret value masked. */
  public List<ConfigProblem> problems() {
    List<String> masks =
        secrets.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList();
    List<ConfigProblem> out = new ArrayList<>();
    for (ConfigProblem p : problems) {
      String message = p.message();
      for (String s : masks) {
        message = message.replace(s, "***");
      }
      out.add(new ConfigProblem(p.file(), p.line(), p.path(), message));
    }
    out.sort(Comparator.comparingInt(ConfigProblem::line));
    return out;
  }
}
