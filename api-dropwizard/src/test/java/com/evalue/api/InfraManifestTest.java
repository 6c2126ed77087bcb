package com.evalue.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.evalue.api.support.Http;
import com.evalue.api.support.TestApp;
import com.evalue.api.support.TestInfra;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.dropwizard.configuration.ConfigurationSourceProvider;
import io.dropwizard.configuration.FileConfigurationSourceProvider;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.configuration.UndefinedEnvironmentVariableException;
import io.dropwizard.configuration.YamlConfigurationFactory;
import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.jersey.validation.Validators;
import io.dropwizard.jetty.HttpConnectorFactory;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.text.StringSubstitutor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Kubernetes resources of {@code infra/k8s/api} agree with each other and with the application: the shipped
 * configuration, given exactly the environment the pod gets (its Secrets' keys), starts the real application on our
 * PostgreSQL and Redis, and the probes, ports, mounts and grace periods of the StatefulSet fit it.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class InfraManifestTest {
  static final Path DIR = Path.of("../infra/k8s/api");
  static final YAMLMapper YAML = new YAMLMapper();
  static final List<JsonNode> RESOURCES = documents(DIR.resolve("api.yaml"));
  static final JsonNode POD = resource("StatefulSet", "evalue-api").at("/spec/template/spec");
  static final JsonNode CONTAINER = POD.at("/containers/0");

  static final DropwizardAppExtension<ApiConfiguration> APP = new DropwizardAppExtension<>(EValueApplication.class,
      DIR.resolve("api.yml").toString(), podConfigurationSource(),
      ConfigOverride.config("server.applicationConnectors[0].port", "0"),
      ConfigOverride.config("server.adminConnectors[0].port", "0"),
      ConfigOverride.config("metering.call_log.spill_file", TestApp::spillFile),
      // the shared test database: no scheduled invoice run of this instance; and the suite's quiet logs
      ConfigOverride.config("billing.schedule_invoice_run", "false"),
      ConfigOverride.config("logging.level", "WARN"));

  @Test
  void theShippedConfigurationStartsTheApplicationOnConfiguredServices() {
    ApiConfiguration config = APP.getConfiguration();
    assertFalse(config.database.isEmbedded());
    assertFalse(config.redis.isEmbedded());
    assertFalse(config.demoEnabled());
    assertEquals(podEnvironment().get("EVALUE_JWT_SECRET"), config.auth.jwtSecret);
    assertEquals(200, new Http(APP.getLocalPort()).get("/v1/health").status());
  }

  @Test
  void theProbesAskWhatTheAdminConnectorServes() {
    for (String probe : List.of("startupProbe", "readinessProbe", "livenessProbe")) {
      JsonNode get = CONTAINER.get(probe).get("httpGet");
      assertEquals("admin", get.get("port").asText(), probe);
      assertEquals(200, new Http(APP.getAdminPort()).get(get.get("path").asText()).status(), probe);
    }
  }

  @Test
  void theScrapeAnnotationsPointAtThePrometheusText() throws Exception {
    JsonNode annotations = resource("StatefulSet", "evalue-api").at("/spec/template/metadata/annotations");
    assertEquals(containerPort("admin"), annotations.get("prometheus.io/port").asInt());
    Http.Reply r = new Http(APP.getAdminPort()).get(annotations.get("prometheus.io/path").asText());
    assertEquals(200, r.status());
    assertTrue(r.body().contains("evalue_api_health_check{check=\"database\"} 1"), r.body());
  }

  @Test
  void portsAndPathsMatchTheConfiguration() throws Exception {
    DefaultServerFactory server = (DefaultServerFactory) asShipped().getServerFactory();
    assertEquals(containerPort("http"), ((HttpConnectorFactory) server.getApplicationConnectors().get(0)).getPort());
    HttpConnectorFactory admin = (HttpConnectorFactory) server.getAdminConnectors().get(0);
    assertEquals(containerPort("admin"), admin.getPort());
    assertEquals(null, admin.getBindHost()); // all interfaces: the kubelet probes the pod's address
    assertEquals("http", resource("Service", "evalue-api").at("/spec/ports/0/targetPort").asText());
    JsonNode labels = resource("StatefulSet", "evalue-api").at("/spec/template/metadata/labels");
    for (JsonNode selector : List.of(resource("Service", "evalue-api").at("/spec/selector"),
        resource("Service", "evalue-api-pods").at("/spec/selector"),
        resource("StatefulSet", "evalue-api").at("/spec/selector/matchLabels"),
        resource("PodDisruptionBudget", "evalue-api").at("/spec/selector/matchLabels"))) {
      selector.fields().forEachRemaining(e -> assertEquals(e.getValue(), labels.get(e.getKey()), e.getKey()));
    }
    assertEquals(resource("Service", "evalue-api-pods").at("/metadata/name").asText(),
        resource("StatefulSet", "evalue-api").at("/spec/serviceName").asText());

    JsonNode generator = documents(DIR.resolve("kustomization.yaml")).get(0).at("/configMapGenerator/0");
    assertEquals(POD.at("/volumes/0/configMap/name").asText(), generator.get("name").asText());
    assertEquals(mountPath("config") + "/" + generator.at("/files/0").asText(), CONTAINER.at("/args/1").asText());
    assertEquals(mountPath("spill"),
        Path.of(asShipped().metering.callLog.spillFile).getParent().toString());
  }

  @Test
  void theGracePeriodCoversDrainingRequestsAndFlushingTheCallLog() throws Exception {
    long preStop = CONTAINER.at("/lifecycle/preStop/exec/command/1").asLong();
    long jetty = ((DefaultServerFactory) asShipped().getServerFactory()).getShutdownGracePeriod().toSeconds();
    long flushMargin = 10;
    assertTrue(preStop + jetty + flushMargin <= POD.get("terminationGracePeriodSeconds").asLong());
  }

  @Test
  void theApplicationReadsVariablesOfTheEnvironmentAndRefusesUnsetOnes(@TempDir Path dir) throws Exception {
    Bootstrap<ApiConfiguration> bootstrap = new Bootstrap<>(new EValueApplication());
    bootstrap.getApplication().initialize(bootstrap);
    Path file = dir.resolve("c.yml");
    Files.writeString(file, "a: ${EVALUE_TEST_SURELY_UNSET:-fallback}\n");
    try (InputStream in = bootstrap.getConfigurationSourceProvider().open(file.toString())) {
      assertEquals("a: fallback\n", new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
    Files.writeString(file, "a: ${EVALUE_TEST_SURELY_UNSET}\n");
    assertThrows(UndefinedEnvironmentVariableException.class,
        () -> bootstrap.getConfigurationSourceProvider().open(file.toString()).close());
  }

  /** The configuration as the pod reads it, without the test's overrides (system properties under "dw."). */
  static ApiConfiguration asShipped() throws Exception {
    return new YamlConfigurationFactory<>(ApiConfiguration.class, Validators.newValidator(), Jackson.newObjectMapper(),
        "no-overrides").build(podConfigurationSource(), DIR.resolve("api.yml").toString());
  }

  /**
   * The configuration file with {@code ${VAR}} taken from the pod's environment only (strict, as the application):
   * a variable the manifests do not provide fails the test as it would fail the pod's start.
   */
  static ConfigurationSourceProvider podConfigurationSource() {
    StringSubstitutor substitutor = new StringSubstitutor(name -> podEnvironment().get(name));
    substitutor.setEnableUndefinedVariableException(true);
    return new SubstitutingSourceProvider(new FileConfigurationSourceProvider(), substitutor);
  }

  /**
   * The container's {@code env} and the keys of the Secrets of its {@code envFrom} (their example values), with our
   * PostgreSQL and Redis in place of the production addresses.
   */
  static synchronized Map<String, String> podEnvironment() {
    if (podEnvironment == null) {
      podEnvironment = readPodEnvironment();
    }
    return podEnvironment;
  }

  private static Map<String, String> podEnvironment;

  private static Map<String, String> readPodEnvironment() {
    Map<String, JsonNode> secrets = new HashMap<>();
    for (Path file : List.of(DIR.resolve("secrets.example.yaml"), DIR.resolve("../secrets.example.yaml"))) {
      documents(file).forEach(s -> secrets.put(s.at("/metadata/name").asText(), s.get("stringData")));
    }
    Map<String, String> env = new HashMap<>();
    CONTAINER.get("envFrom").forEach(from -> secrets.get(from.at("/secretRef/name").asText()).fields()
        .forEachRemaining(e -> env.put(e.getKey(), e.getValue().asText())));
    CONTAINER.get("env").forEach(e -> env.put(e.get("name").asText(), e.get("value").asText()));
    assertTrue(env.containsKey("EVALUE_JDBC_URL") && env.containsKey("EVALUE_API_REDIS_URL"), env.keySet().toString());
    env.put("EVALUE_JDBC_URL", TestInfra.jdbcUrl());
    env.put("EVALUE_DB_USER", "postgres");
    env.put("EVALUE_DB_PASSWORD", "");
    env.put("EVALUE_API_REDIS_URL", TestInfra.redisUri());
    return env;
  }

  static int containerPort(String name) {
    for (JsonNode port : CONTAINER.get("ports")) {
      if (port.get("name").asText().equals(name)) {
        return port.get("containerPort").asInt();
      }
    }
    throw new AssertionError("no container port " + name);
  }

  static String mountPath(String volume) {
    for (JsonNode mount : CONTAINER.get("volumeMounts")) {
      if (mount.get("name").asText().equals(volume)) {
        return mount.get("mountPath").asText();
      }
    }
    throw new AssertionError("no mount of " + volume);
  }

  static JsonNode resource(String kind, String name) {
    return RESOURCES.stream()
        .filter(r -> r.get("kind").asText().equals(kind) && r.at("/metadata/name").asText().equals(name))
        .findFirst().orElseThrow(() -> new AssertionError("no " + kind + " " + name));
  }

  static List<JsonNode> documents(Path file) {
    try {
      List<JsonNode> documents = new ArrayList<>();
      YAML.readValues(YAML.createParser(file.toFile()), JsonNode.class).forEachRemaining(documents::add);
      return documents;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
