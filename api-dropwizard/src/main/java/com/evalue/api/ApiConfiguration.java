package com.evalue.api;

import com.evalue.api.config.ActivationSettings;
import com.evalue.api.config.AuthSettings;
import com.evalue.api.config.BillingSettings;
import com.evalue.api.config.DatabaseSettings;
import com.evalue.api.config.HttpSettings;
import com.evalue.api.config.MeteringSettings;
import com.evalue.api.config.RedisSettings;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.node.TextNode;
import io.dropwizard.core.Configuration;
import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.jetty.HttpConnectorFactory;
import io.dropwizard.logging.common.DefaultLoggingFactory;
import io.dropwizard.request.logging.LogbackAccessRequestLogFactory;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.util.List;
import java.util.Map;

/**
 * The one configuration file of the API process ({@code evalue api [config.yml]}); every section has the spec's
 * defaults, so no file at all gives the embedded default (PostgreSQL and Redis embedded, demo data, port 4000).
 * See {@code api-dropwizard/config.example.yml} for every key.
 */
public class ApiConfiguration extends Configuration {
  public static final int DEFAULT_PORT = 4000;
  public static final int DEFAULT_ADMIN_PORT = 4001;
  public static final String ROOT_PATH = "/v1";

  @JsonProperty @Valid @NotNull public DatabaseSettings database = new DatabaseSettings();
  @JsonProperty @Valid @NotNull public RedisSettings redis = new RedisSettings();
  @JsonProperty @Valid @NotNull public AuthSettings auth = new AuthSettings();
  @JsonProperty @Valid @NotNull public MeteringSettings metering = new MeteringSettings();
  @JsonProperty @Valid @NotNull public ActivationSettings activation = new ActivationSettings();
  @JsonProperty @Valid @NotNull public BillingSettings billing = new BillingSettings();
  @JsonProperty @Valid @NotNull public HttpSettings http = new HttpSettings();
  /** Demo company, fleet, user, vehicle and API key. Only ever with the embedded database; false turns it off there. */
  @JsonProperty public boolean demo = true;

  public ApiConfiguration() {
    DefaultServerFactory server = new DefaultServerFactory();
    HttpConnectorFactory application = new HttpConnectorFactory();
    application.setPort(DEFAULT_PORT);
    HttpConnectorFactory admin = new HttpConnectorFactory();
    admin.setPort(DEFAULT_ADMIN_PORT);
    admin.setBindHost("127.0.0.1");
    server.setApplicationConnectors(List.of(application));
    server.setAdminConnectors(List.of(admin));
    server.setJerseyRootPath(ROOT_PATH + "/*");
    // one ExceptionMapper of ours handles every error (errors.ApiExceptionMapper)
    server.setRegisterDefaultExceptionMappers(false);
    // quiet by default: no access log line per request (enable with server.requestLog.appenders)
    LogbackAccessRequestLogFactory requestLog = new LogbackAccessRequestLogFactory();
    requestLog.setAppenders(List.of());
    server.setRequestLogFactory(requestLog);
    // Dropwizard renames the worker thread for every request (two system calls): the request id in the logs' MDC
    // already says which request a line belongs to
    server.setEnableThreadNameFilter(false);
    setServerFactory(server);

    DefaultLoggingFactory logging = new DefaultLoggingFactory();
    logging.setLevel("INFO");
    logging.setLoggers(Map.of(
        "org.eclipse.jetty", TextNode.valueOf("WARN"),
        "io.dropwizard", TextNode.valueOf("WARN"),
        "org.glassfish.jersey", TextNode.valueOf("WARN"),
        "org.flywaydb", TextNode.valueOf("WARN"),
        "io.zonky", TextNode.valueOf("WARN"),
        "org.reflections", TextNode.valueOf("WARN"),
        "io.swagger", TextNode.valueOf("WARN"),
        "org.hibernate.validator", TextNode.valueOf("WARN"),
        "com.evalue.db", TextNode.valueOf("WARN")));
    setLoggingFactory(logging);
  }

  /** True when this process must create the demo data (api.md / issue: only in the embedded default). */
  public boolean demoEnabled() {
    return demo && database.isEmbedded();
  }
}
