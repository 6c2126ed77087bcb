package com.evalue.ingestion.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** A local OEM server on loopback (JDK HttpServer), one thread per request so slow answers block nobody else. */
public final class FakeServer implements AutoCloseable {
  private final HttpServer server;
  private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "fake-oem");
    t.setDaemon(true);
    return t;
  });

  public FakeServer() {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.setExecutor(threads);
    server.start();
  }

  public FakeServer handle(String path, HttpHandler handler) {
    server.createContext(path, ex -> {
      try (ex) {
        handler.handle(ex);
      } catch (IOException | RuntimeException e) {
        // the client went away (timeouts in tests): nothing to do
      }
    });
    return this;
  }

  public URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  public static void json(HttpExchange ex, int status, String body) throws IOException {
    bytes(ex, status, "application/json", body.getBytes(StandardCharsets.UTF_8));
  }

  public static void bytes(HttpExchange ex, int status, String type, byte[] body) throws IOException {
    ex.getResponseHeaders().set("Content-Type", type);
    ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      try (OutputStream out = ex.getResponseBody()) {
        out.write(body);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
