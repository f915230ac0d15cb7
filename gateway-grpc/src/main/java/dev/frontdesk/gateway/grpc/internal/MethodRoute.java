package dev.frontdesk.gateway.grpc.internal;

/** One route a transcoder declares: its id, verb, Frontdesk path pattern and target. */
public record MethodRoute(
    String id, String verb, String path, TranscodingHandler handler, String method) {
  @Override
  public String toString() {
    return verb + " " + path + " -> " + method;
  }
}
