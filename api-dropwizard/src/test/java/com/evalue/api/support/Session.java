package com.evalue.api.support;

/** Getting tokens the way customers do: POST /v1/auth/token with an API key. */
public final class Session {
  private Session() {}

  public static String token(Http http, String apiKey) {
    Http.Reply r = http.post("/v1/auth/token", Http.obj("api_key", apiKey), null);
    if (r.status() != 200) {
      throw new AssertionError("token exchange failed: " + r);
    }
    return r.json().get("access_token").asText();
  }
}
