package com.evalue.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dropwizard.configuration.YamlConfigurationFactory;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.jersey.validation.Validators;
import org.junit.jupiter.api.Test;

/** The documented sample configuration parses, validates and matches the defaults it claims. */
class ConfigurationTest {
  final YamlConfigurationFactory<ApiConfiguration> factory = new YamlConfigurationFactory<>(ApiConfiguration.class,
      Validators.newValidator(), Jackson.newObjectMapper(), "dw");

  @Test
  void theSampleParses() throws Exception {
    // read as the application reads it: placeholders from the environment
    Bootstrap<ApiConfiguration> bootstrap = new Bootstrap<>(new EValueApplication());
    bootstrap.getApplication().initialize(bootstrap);
    ApiConfiguration sample = factory.build(bootstrap.getConfigurationSourceProvider(), "config.example.yml");
    assertEquals(System.getenv().getOrDefault("EVALUE_DB_PASSWORD", "change-me"), sample.database.password);
    ApiConfiguration defaults = factory.build();
    assertEquals(defaults.redis.timeoutMs, sample.redis.timeoutMs);
    assertEquals(defaults.metering.meteredEndpoints, sample.metering.meteredEndpoints);
    assertEquals(defaults.metering.callLog.batchSize, sample.metering.callLog.batchSize);
    assertEquals(defaults.auth.accessTokenTtl, sample.auth.accessTokenTtl);
    assertEquals(defaults.auth.userCacheTtl, sample.auth.userCacheTtl);
    assertEquals(defaults.metering.planCacheTtl, sample.metering.planCacheTtl);
    assertEquals(defaults.activation.consentInformation, sample.activation.consentInformation);
    assertFalse(sample.database.isEmbedded());
    assertFalse(sample.demoEnabled()); // never with a configured database
  }

  @Test
  void noFileIsTheEmbeddedDefault() throws Exception {
    ApiConfiguration defaults = factory.build();
    assertTrue(defaults.database.isEmbedded());
    assertTrue(defaults.redis.isEmbedded());
    assertTrue(defaults.demoEnabled());
    assertFalse(defaults.metering.failOpen);
  }
}
