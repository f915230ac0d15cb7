package dev.frontdesk.gateway.testing;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Frontdesk's module rules, checked over one module's compiled classes ({@code target/classes}).
 * Every module runs them through one subclass that states its role and its deliberate exceptions:
 *
 * <pre>{@code
 * class AuthConventionsTest extends ModuleConventions {
 *   AuthConventionsTest() {
 *     super(Role.EXTENSION);
 *   }
 * }
 * }</pre>
 *
 * <p>Boundaries (read from the bytecode, so a fully qualified name in code counts as an import):
 *
 * <ul>
 *   <li>no module uses {@code okhttp3.internal}: it changes in any OkHttp release;
 *   <li>core ({@code dev.frontdesk.gateway} and its {@code internal} packages) uses no servlet type
 *       and no other Frontdesk package: extensions contribute middleware, they are never called;
 *   <li>no other module uses core's {@code internal} packages or puts classes in core's packages;
 *   <li>an extension uses core's API package and its own packages only, so extensions stay
 *       independent; a backend of another extension names that extension's API package with {@link
 *       #uses} (gateway-ratelimit-redis uses gateway-ratelimit);
 *   <li>an assembler (gateway-config, examples) builds gateways from every module, so it may use
 *       any module's API package, never an {@code internal} one.
 * </ul>
 *
 * <p>API surface, for every module but the examples: a public signature (supertypes, fields,
 * constructors, methods, type bounds, thrown types) speaks only the JDK's and Frontdesk's API
 * types, plus the module's deliberate exceptions named with {@link #allowsInApi}; and a public
 * class that is neither abstract, an enum nor a record is final unless named with {@link
 * #openForExtension}.
 */
public abstract class ModuleConventions {
  /** What a module is for, which decides what it may depend on. */
  public enum Role {
    /** gateway-core: depends on no other Frontdesk module and on no servlet API. */
    CORE,
    /** A module that contributes middleware or listeners through core's API. */
    EXTENSION,
    /** A published module that builds gateways from other modules' APIs (gateway-config). */
    ASSEMBLER,
    /** An unpublished assembler (examples): boundaries apply, its classes are not API. */
    APPLICATION
  }

  private static final String CORE_API = "dev.frontdesk.gateway";
  private static final String CORE_INTERNAL = "dev.frontdesk.gateway.internal";

  /** One import per module and test run: the four rules read the same classes. */
  private static final Map<Path, JavaClasses> IMPORTED = new ConcurrentHashMap<>();

  private final Role role;
  private final Set<String> usedApiPackages = new HashSet<>();
  private final Set<String> allowedApiTypes = new HashSet<>();
  private final Set<String> openClasses = new HashSet<>();

  protected ModuleConventions(Role role) {
    this.role = role;
  }

  /** Lets this extension use another extension's API package, such as a backend of it. */
  protected final ModuleConventions uses(String... apiPackages) {
    usedApiPackages.addAll(List.of(apiPackages));
    return this;
  }

  /**
   * Third-party types that appear in this module's public signatures on purpose: a class name, or a
   * package followed by {@code .*} (the servlet adapter is a servlet).
   */
  protected final ModuleConventions allowsInApi(String... types) {
    allowedApiTypes.addAll(List.of(types));
    return this;
  }

  /** Public classes meant to be subclassed by users or other modules. */
  protected final ModuleConventions openForExtension(Class<?>... types) {
    Stream.of(types).map(Class::getName).forEach(openClasses::add);
    return this;
  }

  @Test
  void noClassUsesOkHttpInternals() {
    check(noClasses().should().dependOnClassesThat().resideInAPackage("okhttp3.internal.."));
  }

  @Test
  void frontdeskDependenciesFollowTheModuleRole() {
    JavaClasses classes = classes();
    Set<String> own = classes.stream().map(JavaClass::getPackageName).collect(Collectors.toSet());
    if (role == Role.CORE) {
      check(
          noClasses()
              .should()
              .dependOnClassesThat()
              .resideInAnyPackage("jakarta.servlet..", "javax.servlet.."));
    } else {
      assertThat(own)
          .as("packages of this module that belong to gateway-core")
          .filteredOn(p -> p.equals(CORE_API) || isCoreInternal(p))
          .isEmpty();
    }
    DescribedPredicate<JavaClass> forbidden =
        DescribedPredicate.describe(
            "Frontdesk classes a " + role + " module may not use",
            c ->
                c.getPackageName().startsWith("dev.frontdesk.")
                    && !mayUse(own, c.getPackageName()));
    check(noClasses().should().dependOnClassesThat(forbidden));
  }

  @Test
  void publicSignaturesSpeakOnlyJdkAndFrontdeskTypes() {
    if (role == Role.APPLICATION) {
      return;
    }
    Set<String> leaks = new TreeSet<>();
    for (Class<?> type : apiTypes()) {
      for (Type t : signatureTypes(type)) {
        Set<Class<?>> mentioned = new HashSet<>();
        collect(t, mentioned, new HashSet<>());
        mentioned.stream()
            .filter(c -> !allowedInApi(c))
            .forEach(c -> leaks.add(type.getName() + " exposes " + c.getName()));
      }
    }
    assertThat(leaks)
        .as(
            "third-party or internal types in public signatures: wrap them, or name a"
                + " deliberate one with allowsInApi(...)")
        .isEmpty();
  }

  @Test
  void concretePublicClassesAreFinal() {
    if (role == Role.APPLICATION) {
      return;
    }
    assertThat(apiTypes())
        .filteredOn(c -> !c.isInterface() && !c.isEnum() && !c.isRecord() && !c.isAnnotation())
        .filteredOn(
            c -> !Modifier.isAbstract(c.getModifiers()) && !Modifier.isFinal(c.getModifiers()))
        .extracting(Class::getName)
        .filteredOn(name -> !openClasses.contains(name))
        .as(
            "public classes that are not final: make them final, or name them with openForExtension(...)")
        .isEmpty();
  }

  private boolean mayUse(Set<String> own, String pkg) {
    if (own.contains(pkg)) {
      return true;
    }
    return switch (role) {
      case CORE -> false;
      case EXTENSION -> pkg.equals(CORE_API) || usedApiPackages.contains(pkg);
      case ASSEMBLER, APPLICATION -> !isInternal(pkg);
    };
  }

  private boolean allowedInApi(Class<?> c) {
    if (c.isPrimitive()
        || c.getClassLoader() == null
        || c.getClassLoader() == ClassLoader.getPlatformClassLoader()) {
      return true; // the JDK's own
    }
    String name = c.getName();
    if (name.startsWith("dev.frontdesk.")) {
      return !isInternal(c.getPackageName());
    }
    return allowedApiTypes.contains(name) || allowedApiTypes.contains(c.getPackageName() + ".*");
  }

  private static boolean isInternal(String pkg) {
    return pkg.endsWith(".internal") || pkg.contains(".internal.");
  }

  private static boolean isCoreInternal(String pkg) {
    return pkg.equals(CORE_INTERNAL) || pkg.startsWith(CORE_INTERNAL + ".");
  }

  private void check(ArchRule rule) {
    rule.because("of the module rules in " + ModuleConventions.class.getName()).check(classes());
  }

  private JavaClasses classes() {
    return IMPORTED.computeIfAbsent(
        mainClasses(), path -> new ClassFileImporter().importPath(path));
  }

  /** {@code target/classes}, the sibling of the directory this test subclass was loaded from. */
  private Path mainClasses() {
    try {
      Path testClasses =
          Path.of(getClass().getProtectionDomain().getCodeSource().getLocation().toURI());
      Path main = testClasses.resolveSibling("classes");
      assertThat(Files.isDirectory(main)).as("compiled main classes at " + main).isTrue();
      return main;
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Public types (nested ones reachable from public types) in the module's non-internal packages.
   */
  private List<Class<?>> apiTypes() {
    List<Class<?>> types = new ArrayList<>();
    for (JavaClass c : classes()) {
      if (isInternal(c.getPackageName()) || c.getName().contains("package-info")) {
        continue;
      }
      Class<?> type = load(c.getName());
      if (!type.isSynthetic()
          && !type.isAnonymousClass()
          && !type.isLocalClass()
          && isExported(type)) {
        types.add(type);
      }
    }
    return types;
  }

  private static boolean isExported(Class<?> type) {
    for (Class<?> t = type; t != null; t = t.getDeclaringClass()) {
      if (!Modifier.isPublic(t.getModifiers())) {
        return false;
      }
    }
    return true;
  }

  private static Class<?> load(String name) {
    try {
      return Class.forName(name, false, ModuleConventions.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<Type> signatureTypes(Class<?> type) {
    List<Type> types = new ArrayList<>();
    if (type.getGenericSuperclass() != null) {
      types.add(type.getGenericSuperclass());
    }
    types.addAll(List.of(type.getGenericInterfaces()));
    types.addAll(List.of(type.getTypeParameters()));
    for (Field f : type.getDeclaredFields()) {
      if (visible(f) && !f.isSynthetic()) {
        types.add(f.getGenericType());
      }
    }
    List<Executable> executables = new ArrayList<>(List.of(type.getDeclaredConstructors()));
    executables.addAll(List.of(type.getDeclaredMethods()));
    for (Executable e : executables) {
      if (!visible(e) || e.isSynthetic() || (e instanceof Method m && m.isBridge())) {
        continue;
      }
      types.addAll(List.of(e.getGenericParameterTypes()));
      types.addAll(List.of(e.getGenericExceptionTypes()));
      types.addAll(List.of(e.getTypeParameters()));
      if (e instanceof Method m) {
        types.add(m.getGenericReturnType());
      }
    }
    return types;
  }

  private static boolean visible(Member m) {
    return Modifier.isPublic(m.getModifiers()) || Modifier.isProtected(m.getModifiers());
  }

  private static void collect(Type t, Set<Class<?>> into, Set<Type> seen) {
    if (!seen.add(t)) {
      return;
    }
    if (t instanceof Class<?> c) {
      if (c.isArray()) {
        collect(c.getComponentType(), into, seen);
      } else {
        into.add(c);
      }
    } else if (t instanceof ParameterizedType p) {
      collect(p.getRawType(), into, seen);
      Stream.of(p.getActualTypeArguments()).forEach(a -> collect(a, into, seen));
    } else if (t instanceof WildcardType w) {
      Stream.concat(Stream.of(w.getUpperBounds()), Stream.of(w.getLowerBounds()))
          .forEach(b -> collect(b, into, seen));
    } else if (t instanceof TypeVariable<?> v) {
      Stream.of(v.getBounds()).forEach(b -> collect(b, into, seen));
    } else if (t instanceof GenericArrayType a) {
      collect(a.getGenericComponentType(), into, seen);
    }
  }
}
