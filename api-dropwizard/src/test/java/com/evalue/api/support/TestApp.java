package com.evalue.api.support;

import com.evalue.api.ApiConfiguration;
import com.evalue.api.EValueApplication;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.ResourceHelpers;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The whole application under test, on the JVM's real PostgreSQL and Redis (or a Redis of the test's own). */
public final class TestApp {
  private TestApp() {}

  public static DropwizardAppExtension<ApiConfiguration> create(ConfigOverride... extra) {
    return create(TestInfra::redisUri, extra);
  }

  public static DropwizardAppExtension<ApiConfiguration> create(java.util.function.Supplier<String> redisUri,
      ConfigOverride... extra) {
    List<ConfigOverride> overrides = new ArrayList<>();
    overrides.add(ConfigOverride.config("database.url", TestInfra::jdbcUrl));
    overrides.add(ConfigOverride.config("database.user", "postgres"));
    overrides.add(ConfigOverride.config("redis.uri", redisUri));
    overrides.add(ConfigOverride.config("metering.call_log.spill_file", TestApp::spillFile));
    overrides.addAll(Arrays.asList(extra));
    return new DropwizardAppExtension<>(EValueApplication.class, ResourceHelpers.resourceFilePath("test-config.yml"),
        overrides.toArray(ConfigOverride[]::new));
  }

  /** A fresh spill file path of the call-log writer (each application its own). */
  public static String spillFile() {
    try {
      return Files.createTempDirectory("evalue-spill").resolve("call-log-spill.ndjson").toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
