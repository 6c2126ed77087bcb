package com.evalue.ingestion.http;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Optional;
import javax.net.ssl.SSLSession;

/** Sends a request and reads its whole body, with {@code timeout} also bounding a stalled body. */
public final class Bodies {
  private Bodies() {}

  public static HttpResponse<byte[]> send(HttpClient http, HttpRequest request, Duration timeout)
      throws IOException, InterruptedException {
    HttpResponse<InputStream> r = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
    byte[] body;
    try (IdleTimeout guard = IdleTimeout.start(timeout); InputStream in = guard.watch(r.body())) {
      try {
        body = in.readAllBytes();
      } catch (IOException e) {
        if (guard.fired()) {
          throw new HttpTimeoutException("response body stalled for more than " + timeout.toMillis() + " ms");
        }
        throw e;
      }
    }
    return new Read(r, body);
  }

  /** A response whose body has been read. */
  private record Read(HttpResponse<InputStream> head, byte[] body) implements HttpResponse<byte[]> {
    @Override
    public int statusCode() {
      return head.statusCode();
    }

    @Override
    public HttpRequest request() {
      return head.request();
    }

    @Override
    public Optional<HttpResponse<byte[]>> previousResponse() {
      return Optional.empty();
    }

    @Override
    public HttpHeaders headers() {
      return head.headers();
    }

    @Override
    public java.net.URI uri() {
      return head.uri();
    }

    @Override
    public HttpClient.Version version() {
      return head.version();
    }

    @Override
    public Optional<SSLSession> sslSession() {
      return head.sslSession();
    }
  }
}
