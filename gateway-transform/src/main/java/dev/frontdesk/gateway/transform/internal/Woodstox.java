package dev.frontdesk.gateway.transform.internal;

/**
 * Makes Woodstox's StAX factories by name. Named, not found by the JDK's service lookup, so that
 * another StAX implementation on an application's class path cannot take their place and drop the
 * limits set on them; and not referenced as classes, because their class files carry a bnd
 * annotation that javac warns about (and this build treats warnings as errors).
 */
final class Woodstox {
  private Woodstox() {}

  static <T> T create(Class<T> type, String className) {
    try {
      return type.cast(
          Class.forName(className, true, Woodstox.class.getClassLoader())
              .getDeclaredConstructor()
              .newInstance());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(
          className + " (woodstox-core, with jackson-dataformat-xml) is missing", e);
    }
  }
}
