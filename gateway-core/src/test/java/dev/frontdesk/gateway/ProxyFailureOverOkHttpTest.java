package dev.frontdesk.gateway;

import okhttp3.OkHttpClient;

/** The proxy failure suite with the user's own OkHttp client as the upstream client. */
class ProxyFailureOverOkHttpTest extends ProxyFailureTest {
  private static final OkHttpClient CLIENT = new OkHttpClient();

  @Override
  void configure(GatewayBuilder builder) {
    builder.httpClient(CLIENT);
  }
}
