package dev.frontdesk.gateway.aggregation.internal;

/** Problem titles for the statuses a failed aggregation can answer with (RFC 9110 §15). */
final class Statuses {
  private Statuses() {}

  static String title(int status) {
    return switch (status) {
      case 400 -> "Bad Request";
      case 401 -> "Unauthorized";
      case 403 -> "Forbidden";
      case 404 -> "Not Found";
      case 409 -> "Conflict";
      case 410 -> "Gone";
      case 422 -> "Unprocessable Content";
      case 429 -> "Too Many Requests";
      case 500 -> "Internal Server Error";
      case 503 -> "Service Unavailable";
      case 504 -> "Gateway Timeout";
      default -> status >= 500 ? "Bad Gateway" : "Client Error";
    };
  }
}
