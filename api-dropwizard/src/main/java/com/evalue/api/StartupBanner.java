package com.evalue.api;

import com.evalue.api.auth.TokenService;
import com.evalue.api.core.DemoData;
import java.io.PrintStream;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/** What {@code evalue api} prints once the server listens, in the embedded default: how to call it. */
final class StartupBanner {
  private StartupBanner() {}

  static void print(Server server, DemoData.Credentials demo, TokenService tokens, PrintStream out) {
    int port = port(server, "application");
    int admin = port(server, "admin");
    String base = "http://localhost:" + port + ApiConfiguration.ROOT_PATH;
    String token = tokens.issueAccess(demo.userId(), demo.apiUserId()).token();
    out.println();
    out.println("EValue API on " + base + "  (Swagger UI: " + base + "/docs, admin: http://127.0.0.1:" + admin + ")");
    out.println("Embedded default: demo user " + demo.email() + " / " + demo.password() + ", demo vehicle "
        + demo.vin());
    out.println("Demo API key (issued at this start, shown once): " + demo.apiKey());
    out.println();
    out.println("Try it (this token is valid 60 min):");
    out.println("  curl -s -H 'Authorization: Bearer " + token + "' " + base + "/in_life_data/" + demo.vin());
    out.println("A new token from the API key:");
    out.println("  curl -s -X POST " + base + "/auth/token -H 'Content-Type: application/json' -d '{\"api_key\":\""
        + demo.apiKey() + "\"}'");
    out.println();
    out.flush();
  }

  private static int port(Server server, String name) {
    int fallback = -1;
    for (Connector c : server.getConnectors()) {
      if (c instanceof ServerConnector sc) {
        if (name.equals(sc.getName())) {
          return sc.getLocalPort();
        }
        if (fallback < 0) {
          fallback = sc.getLocalPort();
        }
      }
    }
    return fallback;
  }
}
