package dev.frontdesk.gateway.config;

import java.util.Objects;

/**
 * One thing wrong with a configuration file, located by file, line and key path, such as {@code
 * gateway.yaml:14: routes[2].upstream: unknown upstream 'userz' (declared: users, orders)}. The
 * message never holds a secret's value.
 *
 * @param file the file's name as given to the reader
 * @param line the 1-based line of the key or value concerned (1 when the whole file is)
 * @param path the key path, such as {@code routes[2].upstream} (empty for the whole file)
 * @param message what is wrong, one sentence
 */
public record ConfigProblem(String file, int line, String path, String message) {
  public ConfigProblem {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(message, "message");
  }

  /** {@code file:line: path: message}, the form editors and CI logs link to. */
  @Override
  public String toString() {
    return file + ":" + line + ": " + (path.isEmpty() ? "" : path + ": ") + message;
  }
}
