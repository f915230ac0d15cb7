package dev.frontdesk.gateway.internal.websocket;

/** Which close codes may appear in a close frame (RFC 6455 §7.4.1, §7.4.2; IANA registry). */
final class CloseCodes {
  private CloseCodes() {}

  static boolean sendable(int code) {
    return (code >= 1000 && code <= 1003)
        || (code >= 1007 && code <= 1014)
        || (code >= 3000 && code <= 4999);
  }
}
