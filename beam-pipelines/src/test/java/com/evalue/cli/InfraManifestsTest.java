package com.evalue.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;

/**
 * The Kubernetes manifests of infra/k8s run the CLI as it is: every container's {@code args} parse with the real
 * command tree, in the environment the manifest gives the container (its Secrets taken from the examples); every
 * variable set is one that command reads; every probe and container port is one it listens on; every file option
 * points into a mounted Secret key. Nothing is executed.
 */
class InfraManifestsTest {
  static final Path K8S = Path.of("..", "infra", "k8s");
  /** Files whose containers run the CLI. */
  static final List<String> WORKLOADS = List.of("ingestion.yaml", "compaction-cronjob.yaml",
      "pipeline-sparkapplication.yaml");
  /** Files holding the ConfigMaps and (example) Secrets those containers reference. */
  static final List<String> CONFIG = List.of("ingestion.yaml", "secrets.example.yaml",
      "ingestion-secrets.example.yaml");
  /** Read by the image's entrypoint (infra/docker/Dockerfile.pipelines), not by the CLI. */
  static final Set<String> ENTRYPOINT_ENV = Set.of("EVALUE_JAVA_OPTS");
  /** What the ingestion processes serve besides their own API (OpsEndpoints). */
  static final Set<String> PROBE_PATHS = Set.of("/health", "/metrics");
  static final Pattern ENV_DEFAULT = Pattern.compile("\\$\\{env:(\\w+)(?::-([^}]*))?}");
  /** Kubernetes expands {@code $(NAME)} in args from the container's environment. */
  static final Pattern REFERENCE = Pattern.compile("\\$\\((\\w+)\\)");
  static final YAMLMapper YAML = new YAMLMapper();

  record Container(String where, JsonNode pod, JsonNode spec) {}

  @TestFactory
  Stream<DynamicTest> everyContainerRunsTheCli() throws IOException {
    Map<String, Map<String, String>> config = config();
    return containers().stream().map(c -> DynamicTest.dynamicTest(c.where(), () -> check(c, config)));
  }

  @Test
  void theFiveLiveIngestionProcessesAreDeployed() throws IOException {
    Set<String> commands = new TreeSet<>();
    for (Container c : containers()) {
      List<String> args = new ArrayList<>();
      c.spec().path("args").forEach(a -> args.add(a.asText()));
      if (c.where().startsWith("ingestion.yaml") && args.size() >= 2) {
        commands.add(args.get(0) + " " + args.get(1));
      }
    }
    assertEquals(Set.of("ingest tesla", "ingest high-mobility", "ingest stellantis", "ingest bmw-cardata",
        "ingest bmw-push"), commands);
  }

  @Test
  void everyServiceTargetsAContainerPort() throws IOException {
    List<Container> containers = containers();
    for (JsonNode service : documents("ingestion.yaml")) {
      if (!service.path("kind").asText().equals("Service")) {
        continue;
      }
      String name = service.at("/metadata/name").asText();
      List<Container> selected = containers.stream().filter(c -> selects(service.at("/spec/selector"), c.pod()))
          .toList();
      assertFalse(selected.isEmpty(), "Service " + name + " selects no pod");
      for (JsonNode port : service.at("/spec/ports")) {
        JsonNode target = port.has("targetPort") ? port.get("targetPort") : port.get("port");
        assertTrue(selected.stream().anyMatch(c -> containerPort(c.spec(), target) != null),
            "Service " + name + ": targetPort " + target.asText() + " is no container port of its pods");
      }
    }
  }

  static void check(Container c, Map<String, Map<String, String>> config) {
    String where = c.where();
    assertTrue(c.spec().path("command").isMissingNode(), where + ": the image's entrypoint is the CLI; set args only");
    Map<String, String> env = environment(c.spec(), config, where);
    List<String> args = expand(c.spec().path("args"), env, where);

    // (a) the real command tree, defaults from the container's environment instead of the test JVM's
    CommandLine cli = new CommandLine(new EValueCli()).setCaseInsensitiveEnumValuesAllowed(true);
    cli.setDefaultValueProvider(arg -> containerDefault(arg, env));
    List<CommandSpec> path = new ArrayList<>();
    try {
      for (ParseResult r = cli.parseArgs(args.toArray(String[]::new)); r != null; r = r.subcommand()) {
        path.add(r.commandSpec());
      }
    } catch (CommandLine.ParameterException e) {
      fail(where + ": evalue " + String.join(" ", args) + ": " + e.getMessage());
    }
    CommandSpec command = path.get(path.size() - 1);
    assertTrue(command.subcommands().isEmpty(), where + ": " + command.qualifiedName() + " needs a subcommand");

    // (b) every variable set is read by this command (or substituted into its args by Kubernetes)
    Set<String> read = new TreeSet<>(ENTRYPOINT_ENV);
    path.forEach(s -> s.args().forEach(a -> {
      Matcher m = ENV_DEFAULT.matcher(String.valueOf(rawDefault(a)));
      while (m.find()) {
        read.add(m.group(1));
      }
    }));
    c.spec().path("args").forEach(a -> REFERENCE.matcher(a.asText()).results().forEach(r -> read.add(r.group(1))));
    for (String name : env.keySet()) {
      assertTrue(read.contains(name), where + ": " + name + " is not read by " + command.qualifiedName()
          + "; it reads " + read);
    }

    // (c) container and probe ports are ports the command listens on (its --…port options, given or default)
    Set<Integer> listening = new TreeSet<>();
    for (OptionSpec o : command.options()) {
      if (o.longestName().matches("--(\\w+-)?port")) {
        listening.add(o.getValue());
      }
    }
    for (JsonNode port : c.spec().path("ports")) {
      assertTrue(listening.contains(port.path("containerPort").asInt()), where + ": containerPort "
          + port.path("containerPort") + ", but " + command.qualifiedName() + " listens on " + listening);
    }
    for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
      JsonNode p = c.spec().path(probe);
      JsonNode action = p.has("httpGet") ? p.get("httpGet") : p.path("tcpSocket");
      if (action.isMissingNode()) {
        continue;
      }
      Integer port = containerPort(c.spec(), action.path("port"));
      assertTrue(port != null && listening.contains(port), where + ": " + probe + " port " + action.path("port")
          + ", but " + command.qualifiedName() + " listens on " + listening);
      if (action.has("path")) {
        assertTrue(PROBE_PATHS.contains(action.get("path").asText()), where + ": " + probe + " path "
            + action.get("path") + " is not served; use one of " + PROBE_PATHS);
      }
    }

    // (d) an absolute file option is a key of a Secret mounted at its directory
    for (OptionSpec o : command.options()) {
      if (o.type() == Path.class && o.getValue() instanceof Path file && file.isAbsolute()) {
        mountedSecretKey(c, file, config, where + ": " + o.longestName() + " " + file);
      }
    }
  }

  /** The container's environment: envFrom, then env, with the values of the ConfigMaps and example Secrets. */
  static Map<String, String> environment(JsonNode spec, Map<String, Map<String, String>> config, String where) {
    Map<String, String> env = new LinkedHashMap<>();
    for (JsonNode from : spec.path("envFrom")) {
      boolean secret = from.has("secretRef");
      String name = from.path(secret ? "secretRef" : "configMapRef").path("name").asText();
      object(config, secret ? "Secret" : "ConfigMap", name, where)
          .forEach((k, v) -> env.put(from.path("prefix").asText("") + k, v));
    }
    for (JsonNode e : spec.path("env")) {
      JsonNode from = e.path("valueFrom");
      JsonNode ref = from.has("secretKeyRef") ? from.get("secretKeyRef") : from.path("configMapKeyRef");
      String value;
      if (e.has("value")) {
        value = e.get("value").asText();
      } else if (!ref.isMissingNode()) {
        String key = ref.path("key").asText();
        value = object(config, from.has("secretKeyRef") ? "Secret" : "ConfigMap", ref.path("name").asText(), where)
            .get(key);
        assertNotNull(value, where + ": " + e.path("name").asText() + " refers to a missing key " + key);
      } else {
        throw new AssertionError(where + ": unsupported env source " + e);
      }
      env.put(e.path("name").asText(), value);
    }
    return env;
  }

  static List<String> expand(JsonNode args, Map<String, String> env, String where) {
    List<String> expanded = new ArrayList<>();
    for (JsonNode a : args) {
      Matcher m = REFERENCE.matcher(a.asText());
      StringBuilder s = new StringBuilder();
      while (m.find()) {
        String value = env.get(m.group(1));
        assertNotNull(value, where + ": " + m.group() + " is not in the container's environment; Kubernetes would "
            + "pass it literally");
        m.appendReplacement(s, Matcher.quoteReplacement(value));
      }
      expanded.add(m.appendTail(s).toString());
    }
    return expanded;
  }

  /**
   * {@code ${env:NAME:-FALLBACK}} against the container's environment. null lets picocli use the annotation's
   * default against the test JVM's environment, where these variables are unset, so a required one stays missing.
   */
  static String containerDefault(ArgSpec arg, Map<String, String> env) {
    Matcher m = ENV_DEFAULT.matcher(String.valueOf(rawDefault(arg)));
    return m.matches() ? env.getOrDefault(m.group(1), m.group(2)) : null;
  }

  /** The default as written in the annotation: picocli's model only gives it already interpolated. */
  static String rawDefault(ArgSpec arg) {
    return arg.userObject() instanceof Field f && f.getAnnotation(Option.class) != null
        ? f.getAnnotation(Option.class).defaultValue() : null;
  }

  static void mountedSecretKey(Container c, Path file, Map<String, Map<String, String>> config, String what) {
    for (JsonNode mount : c.spec().path("volumeMounts")) {
      Path dir = Path.of(mount.path("mountPath").asText());
      if (!file.startsWith(dir) || file.equals(dir)) {
        continue;
      }
      String relative = dir.relativize(file).toString();
      for (JsonNode volume : c.pod().at("/spec/volumes")) {
        if (volume.path("name").equals(mount.path("name")) && volume.has("secret")) {
          String key = relative;
          for (JsonNode item : volume.at("/secret/items")) {
            key = item.path("path").asText().equals(relative) ? item.path("key").asText() : key;
          }
          assertTrue(object(config, "Secret", volume.at("/secret/secretName").asText(), what).containsKey(key),
              what + ": no key " + key + " in Secret " + volume.at("/secret/secretName").asText());
          return;
        }
      }
    }
    fail(what + " is not in a mounted Secret");
  }

  static Map<String, String> object(Map<String, Map<String, String>> config, String kind, String name, String where) {
    Map<String, String> data = config.get(kind + "/" + name);
    assertNotNull(data, where + ": no " + kind + " " + name + " in " + CONFIG);
    return data;
  }

  /** A container port by number or by name; null when the container has none such. */
  static Integer containerPort(JsonNode spec, JsonNode port) {
    for (JsonNode p : spec.path("ports")) {
      if (port.isInt() ? p.path("containerPort").asInt() == port.asInt() : p.path("name").equals(port)) {
        return p.path("containerPort").asInt();
      }
    }
    return null;
  }

  static boolean selects(JsonNode selector, JsonNode pod) {
    JsonNode labels = pod.at("/metadata/labels");
    for (Map.Entry<String, JsonNode> e : selector.properties()) {
      if (!labels.path(e.getKey()).equals(e.getValue())) {
        return false;
      }
    }
    return true;
  }

  /**
   * Every container of the workloads, with its pod template (metadata and spec). A Spark application's driver runs
   * the CLI with its {@code arguments} and the driver's environment: it is checked as a container of those.
   */
  static List<Container> containers() throws IOException {
    List<Container> containers = new ArrayList<>();
    for (String file : WORKLOADS) {
      for (JsonNode doc : documents(file)) {
        String kind = doc.path("kind").asText();
        if (kind.equals("SparkApplication") || kind.equals("ScheduledSparkApplication")) {
          JsonNode app = kind.equals("SparkApplication") ? doc.get("spec") : doc.at("/spec/template");
          assertEquals(EValueCli.class.getName(), app.path("mainClass").asText(), file);
          ObjectNode driver = YAML.createObjectNode();
          driver.set("args", app.path("arguments"));
          driver.set("envFrom", app.at("/driver/envFrom"));
          driver.set("env", app.at("/driver/env"));
          ObjectNode pod = YAML.createObjectNode();
          pod.set("metadata", YAML.createObjectNode().set("labels", app.at("/driver/labels")));
          pod.set("spec", YAML.createObjectNode().set("volumes", app.path("volumes")));
          containers.add(new Container(file + " " + doc.at("/metadata/name").asText() + "/driver", pod, driver));
          continue;
        }
        JsonNode template = doc.path("kind").asText().equals("CronJob") ? doc.at("/spec/jobTemplate/spec/template")
            : doc.at("/spec/template");
        for (JsonNode spec : template.at("/spec/containers")) {
          containers.add(new Container(file + " " + doc.at("/metadata/name").asText() + "/"
              + spec.path("name").asText(), template, spec));
        }
      }
    }
    return containers;
  }

  /** ConfigMap data and example Secret stringData by "Kind/name". */
  static Map<String, Map<String, String>> config() throws IOException {
    Map<String, Map<String, String>> config = new HashMap<>();
    for (String file : CONFIG) {
      for (JsonNode doc : documents(file)) {
        String kind = doc.path("kind").asText();
        if (kind.equals("ConfigMap") || kind.equals("Secret")) {
          Map<String, String> data = new LinkedHashMap<>();
          doc.path(kind.equals("Secret") ? "stringData" : "data").properties()
              .forEach(e -> data.put(e.getKey(), e.getValue().asText()));
          config.put(kind + "/" + doc.at("/metadata/name").asText(), data);
        }
      }
    }
    return config;
  }

  static List<JsonNode> documents(String file) throws IOException {
    try (var docs = YAML.readerFor(JsonNode.class).<JsonNode>readValues(K8S.resolve(file).toFile())) {
      return docs.readAll();
    }
  }
}
