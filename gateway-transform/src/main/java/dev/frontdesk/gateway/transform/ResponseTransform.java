package dev.frontdesk.gateway.transform;

import com.fasterxml.jackson.databind.JsonNode;
import dev.frontdesk.gateway.GatewayConfigException;
import dev.frontdesk.gateway.Middleware;
import dev.frontdesk.gateway.Request;
import dev.frontdesk.gateway.Response;
import dev.frontdesk.gateway.transform.internal.BodyRewrite;
import dev.frontdesk.gateway.transform.internal.JsonConversion;
import dev.frontdesk.gateway.transform.internal.JsonProgram;
import dev.frontdesk.gateway.transform.internal.Ranges;
import java.io.IOException;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Changes a response on its way to the client: XML to JSON, and JSON steps over the body. Only 2xx
 * responses (but 206) to requests other than HEAD are transformed, by default; only JSON bodies
 * (and XML ones with {@link Builder#xmlToJson}) are read, up to {@code maxBodySize}. Everything
 * else, {@code text/event-stream} included, streams through untouched.
 *
 * <pre>{@code
 * ResponseTransform legacyUsers = ResponseTransform.builder("legacy-users")
 *     .xmlToJson("order")                       // <order> is always an array
 *     .json(JsonTransform.builder().remove("/@schemaVersion").rename("/user_name", "userName").build())
 *     .build();
 * r.get("/api/legacy/users/{id}").use(legacyUsers).proxyToUpstream("legacy");
 * }</pre>
 *
 * <p>An upstream body that is not the JSON or XML it claims to be, or XML with a DOCTYPE, is a 502
 * problem naming the transform. A changed body gets its new length, a weak {@code ETag} and no
 * digest fields; a gzip-coded one is decoded and encoded again. The route serves no ranges: {@code
 * Range} and {@code If-Range} are not sent upstream and {@code Accept-Ranges} is removed.
 */
public final class ResponseTransform implements Middleware {
  private final JsonProgram program;
  private final @Nullable Set<String> xmlArrays;
  private final boolean anyStatus;
  private final BodyRewrite rewrite;
  private final String description;

  private ResponseTransform(Builder b) {
    this.program = b.json != null ? b.json.program() : new JsonProgram();
    this.xmlArrays = b.xmlArrays;
    this.anyStatus = b.anyStatus;
    this.rewrite =
        new BodyRewrite(
            b.settings.name,
            BodyRewrite.Side.RESPONSE,
            b.settings.maxBodySize,
            b.settings.overLimit == OverLimit.REFUSE,
            b.settings.compressedBody == CompressedBody.DECODE);
    this.description =
        "ResponseTransform{"
            + b.settings.name
            + (xmlArrays != null
                ? ", XML to JSON" + (xmlArrays.isEmpty() ? "" : " arrays " + xmlArrays)
                : "")
            + (b.json != null ? ", " + b.json : "")
            + ", bodies up to "
            + b.settings.maxBodySize
            + "}";
  }

  /** Starts a transform; {@code name} appears in its errors and in logs. */
  public static Builder builder(String name) {
    return new Builder(name);
  }

  /** Always true: a response transform reads the bodies it transforms (up to its limit). */
  public boolean buffersBody() {
    return true;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    List<JsonNode> values =
        program.resolve(request); // before the upstream call: a 400/401 costs none
    // A range of the upstream's bytes is not a range of the transformed body: ask for the whole,
    // and say that ranges are not served here (see Ranges).
    Response response = Ranges.notAdvertised(chain.proceed(Ranges.notAsked(request)));
    int status = response.status();
    boolean success = status >= 200 && status <= 299 && status != 204 && status != 206;
    // anyStatus adds errors only: a 304 has no body (its Content-Length is the resource's, RFC
    // 9110 §8.6) and a redirect's body is not the resource either.
    if (request.method().equals("HEAD") || !(success || (anyStatus && status >= 400))) {
      return response;
    }
    BodyRewrite.Conversion conversion =
        xmlArrays != null
            ? JsonConversion.fromXml(program, () -> values, xmlArrays)
            : JsonConversion.json(program, () -> values);
    BodyRewrite.Result result;
    try {
      result = rewrite.rewrite(response.headers(), response.body(), conversion);
    } catch (IOException | RuntimeException e) {
      response.close();
      throw e;
    }
    if (!result.changed()) {
      return result.body() == response.body()
          ? response
          : response.newBuilder().body(result.body()).build();
    }
    Response.Builder b = response.newBuilder().body(result.body());
    BodyRewrite.STALE_FIELDS.forEach(b::removeHeader);
    String etag = BodyRewrite.weakened(response.header("ETag"));
    if (etag != null) {
      b.header("ETag", etag);
    }
    if (result.contentType() != null) {
      b.header("Content-Type", result.contentType());
    }
    return b.build();
  }

  @Override
  public String toString() {
    return description;
  }

  /**
   * Builds a {@link ResponseTransform}. Defaults: 2xx only, JSON bodies, up to 1 MiB, {@link
   * OverLimit#PASS_THROUGH}, {@link CompressedBody#DECODE}. An option set again takes the last
   * value. A bad value does not throw where it is given (a null does): it is recorded, the option
   * keeps its previous value, and {@link #build()} throws one {@link GatewayConfigException}
   * listing every mistake.
   */
  public static final class Builder {
    private final TransformSettings settings;
    private @Nullable JsonTransform json;
    private @Nullable Set<String> xmlArrays;
    private boolean anyStatus;

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

    /** The steps run over the JSON body (after XML was turned into JSON). */
    public Builder json(JsonTransform json) {
      this.json = Objects.requireNonNull(json, "json");
      return this;
    }

    /**
     * Turns XML bodies ({@code application/xml}, {@code text/xml}, {@code +xml}) into JSON by the
     * rules in docs/transform.md; child elements named in {@code alwaysArrays} are arrays even when
     * they occur once.
     */
    public Builder xmlToJson(String... alwaysArrays) {
      for (String name : alwaysArrays) {
        Objects.requireNonNull(name, "alwaysArrays");
      }
      this.xmlArrays = Set.of(alwaysArrays);
      return this;
    }

    /** Transforms error responses too (4xx, 5xx, the gateway's own problem+json), not only 2xx. */
    public Builder anyStatus() {
      this.anyStatus = true;
      return this;
    }

    /** The largest body read (decoded); at most 2 GiB. */
    public Builder maxBodySize(long bytes) {
      settings.maxBodySize(bytes);
      return this;
    }

    /** What happens to a larger body: passed on untouched (the default), or refused with 502. */
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
     *     this transform, or that neither json nor xmlToJson was given
     */
    public ResponseTransform build() {
      settings.problems.throwIfAny(
          json != null || xmlArrays != null || !settings.problems.isEmpty()
              ? List.of()
              : List.of("changes nothing: give it json(...) or xmlToJson(...)"));
      return new ResponseTransform(this);
    }
  }
}
