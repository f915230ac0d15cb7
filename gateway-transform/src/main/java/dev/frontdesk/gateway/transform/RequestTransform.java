package dev.frontdesk.gateway.transform;

import com.fasterxml.jackson.databind.JsonNode;
import dev.frontdesk.gateway.GatewayConfigException;
import dev.frontdesk.gateway.Middleware;
import dev.frontdesk.gateway.Request;
import dev.frontdesk.gateway.Response;
import dev.frontdesk.gateway.transform.internal.BodyRewrite;
import dev.frontdesk.gateway.transform.internal.JsonConversion;
import dev.frontdesk.gateway.transform.internal.JsonProgram;
import dev.frontdesk.gateway.transform.internal.Query;
import dev.frontdesk.gateway.transform.internal.XmlWriter;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Changes a request on its way upstream: its method, its query parameters, and its JSON body
 * (optionally sent on as XML). Only a transform with a body step reads the body, only when it is
 * JSON, and only up to {@code maxBodySize}; other bodies stream on untouched.
 *
 * <pre>{@code
 * RequestTransform legacyOrders = RequestTransform.builder("legacy-orders")
 *     .method("PUT")
 *     .setQuery("version", "2").removeQuery("debug")
 *     .json(JsonTransform.builder().template("/customerId", "{identity.sub}").build())
 *     .jsonToXml("order")
 *     .build();
 * r.post("/api/orders").use(authentication).use(legacyOrders).proxyToUpstream("orders");
 * }</pre>
 *
 * <p>A client's body that is not JSON under a body step is refused with 400 naming the transform;
 * one over the limit passes untouched, or is refused with 413 under {@link OverLimit#REFUSE}.
 */
public final class RequestTransform implements Middleware {
  private final String name;
  private final @Nullable String method;
  private final List<Consumer<Query>> queryOps;
  private final @Nullable JsonProgram program;
  private final @Nullable String xmlRoot;
  private final BodyRewrite rewrite;
  private final String description;

  private RequestTransform(Builder b) {
    this.name = b.settings.name;
    this.method = b.method;
    this.queryOps = List.copyOf(b.queryOps);
    this.program =
        b.json == null && b.xmlRoot == null
            ? null
            : b.json != null ? b.json.program() : new JsonProgram();
    this.xmlRoot = b.xmlRoot;
    this.rewrite =
        new BodyRewrite(
            name,
            BodyRewrite.Side.REQUEST,
            b.settings.maxBodySize,
            b.settings.overLimit == OverLimit.REFUSE,
            b.settings.compressedBody == CompressedBody.DECODE);
    this.description =
        "RequestTransform{"
            + name
            + (method != null ? ", method " + method : "")
            + (queryOps.isEmpty() ? "" : ", " + queryOps.size() + " query steps")
            + (b.json != null ? ", " + b.json : "")
            + (xmlRoot != null ? ", to XML <" + xmlRoot + ">" : "")
            + (program != null ? ", bodies up to " + b.settings.maxBodySize : "")
            + "}";
  }

  /** Starts a transform; {@code name} appears in its errors and in logs. */
  public static Builder builder(String name) {
    return new Builder(name);
  }

  /**
   * Whether this transform reads request bodies (up to its limit); otherwise it never touches one.
   */
  public boolean buffersBody() {
    return program != null;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    Request.Builder b = request.newBuilder();
    if (method != null) {
      b.method(method);
    }
    if (!queryOps.isEmpty()) {
      Query query = Query.parse(request.query());
      queryOps.forEach(op -> op.accept(query));
      b.query(query.raw());
    }
    if (program != null) {
      body(request, b, program);
    }
    return chain.proceed(b.build());
  }

  private void body(Request request, Request.Builder b, JsonProgram program) throws IOException {
    // Templates are resolved only for a body that is transformed: a form post on the same route
    // needs no identity. Either way this is before the upstream is called.
    Supplier<List<JsonNode>> values = () -> program.resolve(request);
    BodyRewrite.Conversion conversion =
        xmlRoot != null
            ? JsonConversion.toXml(program, values, xmlRoot)
            : JsonConversion.json(program, values);
    BodyRewrite.Result result = rewrite.rewrite(request.headers(), request.body(), conversion);
    b.body(result.body());
    if (result.changed()) {
      BodyRewrite.STALE_FIELDS.forEach(b::removeHeader);
      if (result.contentType() != null) {
        b.header("Content-Type", result.contentType());
      }
    }
  }

  @Override
  public String toString() {
    return description;
  }

  /**
   * Builds a {@link RequestTransform}. Defaults: method and query kept, no body step, bodies up to
   * 1 MiB, {@link OverLimit#PASS_THROUGH}, {@link CompressedBody#DECODE}. An option set again takes
   * the last value. A bad value does not throw where it is given (a null does): it is recorded, the
   * option keeps its previous value, and {@link #build()} throws one {@link GatewayConfigException}
   * listing every mistake.
   */
  public static final class Builder {
    private final TransformSettings settings;
    private @Nullable String method;
    private final List<Consumer<Query>> queryOps = new ArrayList<>();
    private @Nullable JsonTransform json;
    private @Nullable String xmlRoot;

    private Builder(String name) {
      this.settings = new TransformSettings(name);
    }

    /**
     * The mistakes the setters recorded so far, each naming this transform: a bad value is recorded
     * instead of thrown (a null still throws {@link NullPointerException}), and {@link #build()}
     * throws them all. For tools that point at their own input.
     */
    public List<String> problems() {
      return settings.problems.list();
    }

    /** Sends the request upstream with this method. A GET or HEAD must then carry no body. */
    public Builder method(String method) {
      Objects.requireNonNull(method, "method");
      settings.problems.check(
          () -> {
            Request.builder().method(method); // checks it is a token, with the same message
            this.method = method;
          });
      return this;
    }

    /** Adds a query parameter, after any of the same name. */
    public Builder addQuery(String name, String value) {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(value, "value");
      return query(q -> q.add(name, value), name);
    }

    /** Sets a query parameter: one value, in the place of the first of that name, or at the end. */
    public Builder setQuery(String name, String value) {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(value, "value");
      return query(q -> q.set(name, value), name);
    }

    /** Removes every query parameter of this name. */
    public Builder removeQuery(String name) {
      return query(q -> q.remove(name), name);
    }

    /** Renames every query parameter of this name, keeping values and order. */
    public Builder renameQuery(String from, String to) {
      return query(q -> q.rename(from, to), from, to);
    }

    /** The steps run over a JSON request body. */
    public Builder json(JsonTransform json) {
      this.json = Objects.requireNonNull(json, "json");
      return this;
    }

    /**
     * Sends a JSON body on as XML ({@code application/xml}) under this root element, after the
     * {@link #json} steps; the rules are in docs/transform.md.
     */
    public Builder jsonToXml(String rootElement) {
      Objects.requireNonNull(rootElement, "rootElement");
      settings.problems.check(() -> this.xmlRoot = XmlWriter.checkName("jsonToXml", rootElement));
      return this;
    }

    /** The largest body read (decoded); at most 2 GiB. */
    public Builder maxBodySize(long bytes) {
      settings.maxBodySize(bytes);
      return this;
    }

    /** What happens to a larger body: passed on untouched (the default), or refused with 413. */
    public Builder overLimit(OverLimit overLimit) {
      settings.overLimit(overLimit);
      return this;
    }

    /**
     * Whether a gzip-coded body is decoded, transformed and encoded again (the default), or passed
     * on.
     */
    public Builder compressedBody(CompressedBody compressedBody) {
      settings.compressedBody(compressedBody);
      return this;
    }

    /**
     * The transform.
     *
     * @throws GatewayConfigException listing every bad value the setters were given, each naming
     *     this transform, or that it would change nothing
     */
    public RequestTransform build() {
      boolean idle = method == null && queryOps.isEmpty() && json == null && xmlRoot == null;
      settings.problems.throwIfAny(
          !idle || !settings.problems.isEmpty()
              ? List.of()
              : List.of(
                  "changes nothing: give it a method, a query step, json(...) or jsonToXml(...)"));
      return new RequestTransform(this);
    }

    /** Adds a query step when none of the parameter names it is given is empty. */
    private Builder query(Consumer<Query> op, String... names) {
      for (String name : names) {
        Objects.requireNonNull(name, "name");
      }
      if (List.of(names).contains("")) {
        settings.problems.add("query parameter name must not be empty");
      } else {
        queryOps.add(op);
      }
      return this;
    }
  }
}
