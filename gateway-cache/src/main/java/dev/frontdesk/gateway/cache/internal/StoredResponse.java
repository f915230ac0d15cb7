package dev.frontdesk.gateway.cache.internal;

import dev.frontdesk.gateway.Headers;
import dev.frontdesk.gateway.Request;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * One stored response with what RFC 9111 needs to reuse it: its age at arrival (§4.2.3), its
 * freshness lifetime (§4.2.1), its validators, the stale allowances of RFC 5861, and the request
 * header values its {@code Vary} selects on (§4.1). Times are epoch milliseconds. Immutable.
 */
final class StoredResponse {
  /** Older than any freshness or stale window, with room to add to it. */
  private static final long UNKNOWN_AGE = Long.MAX_VALUE / 4;

  /** RFC 9110 §7.6.1: fields about one connection, never stored (the proxy drops them already). */
  private static final Set<String> HOP_BY_HOP =
      caseInsensitive(
          "Connection",
          "Keep-Alive",
          "Proxy-Connection",
          "Proxy-Authenticate",
          "Proxy-Authorization",
          "TE",
          "Trailer",
          "Transfer-Encoding",
          "Upgrade");

  private static final int OVERHEAD = 256;
  private static final byte[] NO_BYTES = new byte[0];

  /** The value of a varied field the request did not send: it matches only an absent field. */
  private static final String ABSENT = "\u0000absent";

  final int status;

  /** The response's fields in their order, without hop-by-hop ones and without {@code Age}. */
  final Headers headers;

  final byte[] body;
  final CacheControl cacheControl;
  final List<String> varyNames;
  final List<String> varyValues;
  final long responseTime;
  final long correctedInitialAge;
  final long freshnessLifetime;
  final @Nullable String etag;
  final @Nullable String lastModified;

  /** {@link #lastModified} as epoch milliseconds, parsed once: null when absent or not a date. */
  final @Nullable Long lastModifiedMillis;

  /**
   * What a hit answers with before its {@code Age} and {@code Cache-Status}: {@link #headers}
   * without the {@code Cache-Status} fields, which the hit's own field value carries on.
   */
  final Headers hitHeaders;

  /** The {@code Cache-Status} members of caches nearer the origin and a separator, or empty. */
  final String earlierCacheStatus;

  private StoredResponse(
      int status,
      Headers headers,
      byte[] body,
      List<String> varyNames,
      List<String> varyValues,
      long ageValue,
      long requestTime,
      long responseTime,
      long defaultTtl) {
    this.status = status;
    this.headers = headers;
    this.hitHeaders = without(headers, "Cache-Status");
    List<String> earlier = headers.values("Cache-Status");
    this.earlierCacheStatus = earlier.isEmpty() ? "" : String.join(", ", earlier) + ", ";
    this.body = body;
    this.cacheControl = CacheControl.of(headers);
    this.varyNames = varyNames;
    this.varyValues = varyValues;
    this.responseTime = responseTime;
    Long date = HttpDate.parse(headers.get("Date"), responseTime);
    long dateValue = date != null ? date : responseTime;
    // §4.2.3: the age it already had, from Age and from the time on the way.
    long apparentAge = Math.max(0, responseTime - dateValue);
    long correctedAgeValue = ageValue + Math.max(0, responseTime - requestTime);
    this.correctedInitialAge = Math.max(apparentAge, correctedAgeValue);
    this.freshnessLifetime = freshnessLifetime(cacheControl, headers, dateValue, defaultTtl);
    this.etag = headers.get("ETag");
    this.lastModified = headers.get("Last-Modified");
    this.lastModifiedMillis = HttpDate.parse(lastModified, responseTime);
  }

  /**
   * Describes a response to {@code request} that is about to be stored; its body follows with
   * {@link #withBody}. {@code upstreamHeaders} may still hold {@code Age} and hop-by-hop fields.
   */
  static StoredResponse describe(
      Request request,
      int status,
      Headers upstreamHeaders,
      long requestTime,
      long responseTime,
      long defaultTtl) {
    List<String> names = varyNames(upstreamHeaders);
    List<String> values = new ArrayList<>(names.size());
    for (String name : names) {
      values.add(fieldValue(request.headers(), name));
    }
    return new StoredResponse(
        status,
        storable(upstreamHeaders),
        NO_BYTES,
        names,
        List.copyOf(values),
        ageValue(upstreamHeaders),
        requestTime,
        responseTime,
        defaultTtl);
  }

  StoredResponse withBody(byte[] bytes) {
    return new StoredResponse(this, headers, bytes);
  }

  private StoredResponse(StoredResponse s, Headers headers, byte[] body) {
    this.status = s.status;
    this.headers = headers;
    this.body = body;
    this.cacheControl = s.cacheControl;
    this.varyNames = s.varyNames;
    this.varyValues = s.varyValues;
    this.responseTime = s.responseTime;
    this.correctedInitialAge = s.correctedInitialAge;
    this.freshnessLifetime = s.freshnessLifetime;
    this.etag = s.etag;
    this.lastModified = s.lastModified;
    this.lastModifiedMillis = s.lastModifiedMillis;
    this.hitHeaders = s.hitHeaders;
    this.earlierCacheStatus = s.earlierCacheStatus;
  }

  /**
   * This response brought up to date by a {@code 304} (RFC 9111 §4.3.4): each field the 304 carries
   * replaces the stored field of that name; age and freshness start again from it.
   */
  StoredResponse refreshed(
      Headers notModified, long requestTime, long responseTime, long defaultTtl) {
    Headers update = storable(notModified);
    Headers.Builder merged = Headers.builder();
    headers.forEach(
        (name, value) -> {
          if (!update.contains(name)) {
            merged.add(name, value);
          }
        });
    merged.addAll(update);
    return new StoredResponse(
        status,
        merged.build(),
        body,
        varyNames,
        varyValues,
        ageValue(notModified),
        requestTime,
        responseTime,
        defaultTtl);
  }

  /**
   * RFC 9111 §4.2.3's current age. When the clock reads earlier than when the response arrived, it
   * was set back (an NTP correction): the age is unknown, so the response counts as stale (and too
   * old to serve stale) instead of fresh for as long as the clock went back.
   */
  long currentAge(long now) {
    long residentTime = now - responseTime;
    return residentTime < 0 ? UNKNOWN_AGE : correctedInitialAge + residentTime;
  }

  boolean isFresh(long now) {
    return freshnessLifetime > currentAge(now);
  }

  /** Seconds of freshness left, negative once stale: RFC 9211's {@code ttl}. */
  long ttlSeconds(long now) {
    return Math.floorDiv(freshnessLifetime - currentAge(now), 1000);
  }

  boolean hasValidator() {
    return etag != null || lastModified != null;
  }

  /** RFC 5861 §3: may be served stale while one refresh runs. */
  boolean servableWhileRevalidating(long now) {
    return staleAllowed() && withinStale("stale-while-revalidate", now);
  }

  /** RFC 5861 §4: may be served stale when the upstream fails. */
  boolean servableOnError(long now) {
    return staleAllowed() && withinStale("stale-if-error", now);
  }

  /**
   * Whether serving stale is allowed at all: not after {@code no-cache}, {@code must-revalidate},
   * {@code proxy-revalidate}, or {@code s-maxage}, which implies the latter for a shared cache (RFC
   * 9111 §5.2.2.10).
   */
  private boolean staleAllowed() {
    return !cacheControl.has("no-cache")
        && !cacheControl.has("must-revalidate")
        && !cacheControl.has("proxy-revalidate")
        && !cacheControl.has("s-maxage");
  }

  private boolean withinStale(String directive, long now) {
    Long window = cacheControl.seconds(directive);
    return window != null && currentAge(now) < freshnessLifetime + window;
  }

  /** When the store may drop this response: it can serve nothing after that. */
  long expiresAt(long staleRetention) {
    long stale =
        Math.max(
            orZero(cacheControl.seconds("stale-while-revalidate")),
            orZero(cacheControl.seconds("stale-if-error")));
    if (hasValidator()) {
      stale = Math.max(stale, staleRetention);
    }
    long born = responseTime - correctedInitialAge;
    return saturatedAdd(born, saturatedAdd(freshnessLifetime, stale));
  }

  /** An estimate of the memory held, in bytes. */
  long weight() {
    long chars = 0;
    for (int i = 0; i < headers.size(); i++) {
      chars += headers.name(i).length() + headers.value(i).length();
    }
    for (String v : varyValues) {
      chars += v.length();
    }
    return OVERHEAD + body.length + 2 * chars;
  }

  /**
   * RFC 9111 §4.1: whether {@code request} selects this response, field by varied field. Compares
   * in place what {@link #fieldValue} would make of the request's field: a hit builds no string.
   */
  boolean matches(Headers requestHeaders) {
    for (int i = 0; i < varyNames.size(); i++) {
      if (!fieldValueEquals(requestHeaders, varyNames.get(i), varyValues.get(i))) {
        return false;
      }
    }
    return true;
  }

  boolean sameVariantAs(StoredResponse other) {
    return varyNames.equals(other.varyNames) && varyValues.equals(other.varyValues);
  }

  /** s-maxage, then max-age, then Expires minus Date (RFC 9111 §4.2.1), else the default. */
  private static long freshnessLifetime(
      CacheControl cc, Headers headers, long dateValue, long defaultTtl) {
    if (cc.has("no-cache")) {
      return 0; // §5.2.2.4: reused only after validation, every time
    }
    Long explicit = cc.seconds("s-maxage");
    if (explicit == null) {
      explicit = cc.seconds("max-age");
    }
    if (explicit != null) {
      return explicit;
    }
    String expires = headers.get("Expires");
    if (expires != null) {
      Long at = HttpDate.parse(expires, dateValue);
      return at == null ? 0 : Math.max(0, at - dateValue); // §5.3: an invalid date is in the past
    }
    return defaultTtl;
  }

  /** The lower-cased names in {@code Vary}; {@code *} is kept so that the caller can refuse it. */
  static List<String> varyNames(Headers headers) {
    List<String> names = new ArrayList<>(2);
    for (String value : headers.values("Vary")) {
      for (String token : value.split(",")) {
        String name = token.strip().toLowerCase(Locale.ROOT);
        if (!name.isEmpty() && !names.contains(name)) {
          names.add(name);
        }
      }
    }
    return List.copyOf(names);
  }

  /** A field's values as one list with whitespace around commas removed (§4.1 normalisation). */
  static String fieldValue(Headers headers, String name) {
    List<String> values = headers.values(name);
    if (values.isEmpty()) {
      return ABSENT;
    }
    StringBuilder sb = new StringBuilder();
    for (String value : values) {
      for (String part : value.split(",")) {
        if (sb.length() > 0) {
          sb.append(',');
        }
        sb.append(part.strip());
      }
    }
    return sb.toString();
  }

  /**
   * Whether {@code fieldValue(headers, name)} equals {@code expected}, without making it: each
   * value is cut at commas as {@code split(",")} cuts it (trailing empty parts dropped), each part
   * stripped, and a comma written between parts once anything was written.
   */
  static boolean fieldValueEquals(Headers headers, String name, String expected) {
    int at = 0; // how much of expected the parts so far have matched
    boolean any = false;
    for (int i = 0, n = headers.size(); i < n; i++) {
      if (!headers.name(i).equalsIgnoreCase(name)) {
        continue;
      }
      any = true;
      at = matchParts(headers.value(i), expected, at);
      if (at < 0) {
        return false;
      }
    }
    return any ? at == expected.length() : expected.equals(ABSENT);
  }

  /** Matches one value's parts from {@code at}; the new position, or -1 on a difference. */
  private static int matchParts(String value, String expected, int at) {
    int kept = value.length(); // split(",") drops the empty parts at the end
    while (kept > 0 && value.charAt(kept - 1) == ',') {
      kept--;
    }
    if (kept == 0 && !value.isEmpty()) {
      return at; // only commas: split gives no part at all
    }
    int start = 0;
    while (true) {
      int comma = value.indexOf(',', start);
      int end = comma < 0 || comma >= kept ? kept : comma;
      int from = start;
      int to = end;
      while (from < to && Character.isWhitespace(value.charAt(from))) {
        from++;
      }
      while (to > from && Character.isWhitespace(value.charAt(to - 1))) {
        to--;
      }
      if (at > 0) {
        if (at >= expected.length() || expected.charAt(at) != ',') {
          return -1;
        }
        at++;
      }
      int length = to - from;
      if (!expected.regionMatches(at, value, from, length)) {
        return -1;
      }
      at += length;
      if (end >= kept) {
        return at;
      }
      start = end + 1;
    }
  }

  private static Headers without(Headers headers, String name) {
    if (!headers.contains(name)) {
      return headers;
    }
    Headers.Builder b = Headers.builder();
    headers.forEach(
        (n, v) -> {
          if (!n.equalsIgnoreCase(name)) {
            b.add(n, v);
          }
        });
    return b.build();
  }

  private static Headers storable(Headers headers) {
    List<String> connection = headers.values("Connection");
    Headers.Builder b = Headers.builder();
    headers.forEach(
        (name, value) -> {
          if (!HOP_BY_HOP.contains(name)
              && !name.equalsIgnoreCase("Age")
              && !named(connection, name)) {
            b.add(name, value);
          }
        });
    return b.build();
  }

  private static boolean named(List<String> connection, String name) {
    for (String value : connection) {
      for (String token : value.split(",")) {
        if (token.strip().equalsIgnoreCase(name)) {
          return true;
        }
      }
    }
    return false;
  }

  private static long ageValue(Headers headers) {
    String age = headers.get("Age");
    if (age == null || age.isBlank() || !age.strip().chars().allMatch(c -> c >= '0' && c <= '9')) {
      return 0; // §5.1: an invalid Age is ignored
    }
    String digits = age.strip();
    return digits.length() > 10
        ? 2_147_483_648_000L
        : Math.min(Long.parseLong(digits), 2_147_483_648L) * 1000;
  }

  private static long orZero(@Nullable Long value) {
    return value == null ? 0 : value;
  }

  private static long saturatedAdd(long a, long b) {
    long sum = a + b;
    return ((a ^ sum) & (b ^ sum)) < 0 ? Long.MAX_VALUE : sum;
  }

  private static Set<String> caseInsensitive(String... names) {
    Set<String> set = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    set.addAll(List.of(names));
    return set;
  }
}
