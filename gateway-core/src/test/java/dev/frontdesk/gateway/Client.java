package dev.frontdesk.gateway;

/** What a client got from the gateway, and small helpers to get it. */
record Client(int status, String body, long millis) {
  static Client get(Gateway gateway, String target) {
    return send(gateway, Request.of("GET", target));
  }

  static Client send(Gateway gateway, Request request) {
    long start = System.nanoTime();
    try (Response response = gateway.handle(request)) {
      String body = response.body().string();
      return new Client(response.status(), body, (System.nanoTime() - start) / 1_000_000);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static Request post(String target, String body) {
    return Request.of("POST", target)
        .newBuilder()
        .header("Content-Type", "application/json")
        .body(Body.of(body))
        .build();
  }
}
