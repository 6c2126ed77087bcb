package com.evalue.api.support;

import com.evalue.api.ApiConfiguration;
import com.evalue.api.EValueApplication;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.time.Duration;

/** Reaching into the running application (the call-log writer) from tests. */
public final class Apps {
  private Apps() {}

  public static EValueApplication.Services services(DropwizardAppExtension<ApiConfiguration> app) {
    return ((EValueApplication) app.getApplication()).services();
  }

  /** Waits until every call recorded so far is in {@code api_call_log}. */
  public static void drainCallLog(DropwizardAppExtension<ApiConfiguration> app) {
    try {
      services(app).callLog().awaitDrained(Duration.ofSeconds(30));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
