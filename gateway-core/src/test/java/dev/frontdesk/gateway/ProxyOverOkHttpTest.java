package dev.frontdesk.gateway;

import okhttp3.OkHttpClient;

/** The proxy suite with the user's own OkHttp client as the upstream client. */
class ProxyOverOkHttpTest extends ProxyTest {
  private static final OkHttpClient CLIENT = new OkHttpClient();

  @Override
  void configure(Gateway.Builder builder) {
    builder.httpClient(CLIENT);
  }
}
