package com.evalue.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.evalue.api.auth.ApiKeys;
import com.evalue.api.auth.PasswordHasher;
import com.evalue.api.core.DemoData;
import com.evalue.api.support.Fixtures;
import com.evalue.api.support.TestInfra;
import java.time.Clock;
import org.junit.jupiter.api.Test;

/** The demo of the embedded default: idempotent, the key re-issued at every start. Real PostgreSQL. */
class DemoDataTest {
  @Test
  void createsTheDemoOnceAndRotatesItsKey() {
    Fixtures fx = new Fixtures();
    DemoData demo = new DemoData(TestInfra.jdbi(), new PasswordHasher(10), Clock.systemUTC());
    DemoData.Credentials first = demo.ensure();
    DemoData.Credentials second = demo.ensure();
    assertEquals(first.userId(), second.userId());
    assertNotEquals(first.apiKey(), second.apiKey());
    assertEquals(0, fx.count("SELECT count(*) FROM api_user WHERE api_key_sha256 = ?", ApiKeys.sha256Hex(first.apiKey())));
    assertEquals(1, fx.count("SELECT count(*) FROM api_user WHERE api_key_sha256 = ? AND is_active",
        ApiKeys.sha256Hex(second.apiKey())));
    assertEquals(1, fx.count("SELECT count(*) FROM app_user WHERE email = 'demo@evalue.local' AND is_active"));
    // a member of every fleet of the database, the demo's included
    assertEquals(fx.count("SELECT count(*) FROM fleet"),
        fx.count("SELECT count(*) FROM user_fleet WHERE user_id = ?", first.userId()));
    assertEquals(8, fx.count("SELECT count(*) FROM vehicle_data d JOIN vehicle v ON v.id = d.vehicle_id"
        + " WHERE v.vin = ? AND d.soh_estimated IS NOT NULL", DemoData.VIN));
    assertTrue(new PasswordHasher(10).verifyOrDummy(DemoData.PASSWORD, fx.jdbi().withHandle(h -> h.createQuery(
        "SELECT password_hash FROM app_user WHERE email = 'demo@evalue.local'").mapTo(String.class).one())));
  }
}
