package com.evalue.api.scratch;

import com.evalue.api.ApiConfiguration;
import com.evalue.api.support.Fixtures;
import com.evalue.api.support.Http;
import com.evalue.api.support.TestApp;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(DropwizardExtensionsSupport.class)
class ScratchTest {
  static final DropwizardAppExtension<ApiConfiguration> APP = TestApp.create();

  @Test
  void t() {
    Fixtures fx = new Fixtures();
    Http http = new Http(APP.getLocalPort());
    Fixtures.Account a = fx.account();
    org.slf4j.LoggerFactory.getLogger("scratch").error("hello from test");
    System.out.println("R1 " + http.post("/v1/auth/token", Http.obj("email", a.email(), "password", Fixtures.PASSWORD), null));
    System.out.println("R2 " + http.post("/v1/auth/token", "{}", null));
    System.out.println("R3 " + http.post("/v1/auth/token", Http.obj("email", "not-an-email", "password", "x"), null));
    System.out.println("R4 " + http.post("/v1/auth/login", Http.obj("email", a.email()), null));
  }
}
