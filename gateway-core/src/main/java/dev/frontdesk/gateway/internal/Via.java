package dev.frontdesk.gateway.internal;

import java.util.List;

/**
 * The gateway's {@code Via} entry (RFC 9110 §7.6.3): a proxy MUST add one to the messages it
 * forwards, in both directions, after any the message already carries. An entry is the version of
 * the protocol the message was received with and a pseudonym that names no product or version:
 * {@code 1.1 frontdesk}, {@code 2 frontdesk}. The entries are made once, so a message without a
 * {@code Via} of its own costs nothing.
 */
final class Via {
  private final String http10;
  private final String http11;
  private final String http2;
  private final String http3;

  Via(String pseudonym) {
    this.http10 = "1.0 " + pseudonym;
    this.http11 = "1.1 " + pseudonym;
    this.http2 = "2 " + pseudonym;
    this.http3 = "3 " + pseudonym;
  }

  /**
   * Our entry for a message received with {@code protocol} ({@code HTTP/1.1}, {@code HTTP/2}...).
   */
  String entry(String protocol) {
    return switch (protocol) {
      case "HTTP/1.0" -> http10;
      case "HTTP/2" -> http2;
      case "HTTP/3" -> http3;
      default -> http11;
    };
  }

  /** The message's {@code Via} values with our entry appended: the order is the path taken. */
  String appendedTo(List<String> prior, String protocol) {
    String entry = entry(protocol);
    return prior.isEmpty() ? entry : String.join(", ", prior) + ", " + entry;
  }
}
