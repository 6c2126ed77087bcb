package com.evalue.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Exit codes and messages of the command line: 0 success, 1 failure (one line), 2 usage error. */
class EValueCliTest {
  @TempDir Path tmp;

  record Result(int code, String out, String err) {}

  static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = EValueCli.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Result(code, out.toString(), err.toString());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "db", "fleet", "ingest", "simulate", "compact", "demo", "ingest files", "ingest tesla"})
  void everyCommandHasHelp(String command) {
    String[] args = (command.isEmpty() ? "--help" : command + " --help").split(" ");
    Result r = run(args);
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("Usage: evalue"), r.out());
  }

  @Test
  void unknownSubcommandIsAUsageError() {
    Result r = run("frobnicate");
    assertEquals(EValueCli.EXIT_USAGE, r.code());
    assertTrue(r.err().contains("Unmatched argument") || r.err().contains("frobnicate"), r.err());
    assertTrue(r.err().contains("--help"), r.err());
  }

  @Test
  void missingSubcommandIsAUsageError() {
    assertEquals(EValueCli.EXIT_USAGE, run().code());
    assertEquals(EValueCli.EXIT_USAGE, run("ingest").code());
  }

  @Test
  void missingRequiredOptionIsAUsageError() {
    Result r = run("ingest", "files", "--make", "tesla");
    assertEquals(EValueCli.EXIT_USAGE, r.code());
    assertTrue(r.err().contains("--input"), r.err());
  }

  @Test
  void unknownMakeIsAUsageErrorNamingTheValidCodes() {
    Result r = run("ingest", "files", "--make", "trabant", "--input", tmp.toString());
    assertEquals(EValueCli.EXIT_USAGE, r.code());
    assertTrue(r.err().contains("unknown make 'trabant'") && r.err().contains("mercedes-benz"), r.err());
  }

  @Test
  void badValuesAreUsageErrors() {
    assertEquals(EValueCli.EXIT_USAGE, run("compact", "--date", "yesterday").code());
    assertEquals(EValueCli.EXIT_USAGE, run("simulate", "--vehicles", "many").code());
    Result r = run("simulate", "--vehicles", "0", "--out", tmp.toString());
    assertEquals(EValueCli.EXIT_USAGE, r.code());
    assertTrue(r.err().contains("vehicles"), r.err());
    Result bias = run("simulate", "--sensor-bias", "20", "--out", tmp.toString());
    assertEquals(EValueCli.EXIT_USAGE, bias.code());
    assertTrue(bias.err().contains("--sensor-bias must be in [0, 10] (percent)"), bias.err());
  }

  @Test
  void kafkaSettingsOfTheIngestionItselfAreUsageErrors() throws Exception {
    String[] tesla = {"ingest", "tesla", "--bootstrap-servers", "localhost:1", "--warehouse", tmp.toString()};
    Result r = run(concat(tesla, "--kafka-property", "enable.auto.commit=true"));
    assertEquals(EValueCli.EXIT_USAGE, r.code());
    assertTrue(r.err().contains("enable.auto.commit"), r.err());

    Path file = tmp.resolve("client.properties");
    Files.writeString(file, "security.protocol=SASL_SSL\ngroup.id=somebody-else\n");
    r = run(concat(tesla, "--kafka-properties", file.toString()));
    assertEquals(EValueCli.EXIT_USAGE, r.code());
    assertTrue(r.err().contains("group.id"), r.err());

    r = run(concat(tesla, "--kafka-properties", tmp.resolve("missing.properties").toString()));
    assertEquals(EValueCli.EXIT_USAGE, r.code());
    assertTrue(r.err().contains("missing.properties"), r.err());
  }

  static String[] concat(String[] a, String... b) {
    String[] all = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }

  @Test
  void aFailureIsOneLineWithoutStackTrace() throws Exception {
    Path empty = Files.createDirectories(tmp.resolve("empty"));
    Result r = run("ingest", "files", "--make", "tesla", "--input", empty.toString(),
        "--warehouse", tmp.resolve("wh").toString());
    assertEquals(EValueCli.EXIT_FAILURE, r.code());
    assertTrue(r.err().startsWith("evalue: error: no payload files"), r.err());
    assertEquals(1, r.err().strip().lines().count(), r.err());
    assertFalse(r.err().contains("\tat "), r.err());
  }

  @Test
  void anInsecureRemoteS3EndpointIsRefused() {
    Result r = run("compact", "--warehouse", "s3://bucket/prefix", "--s3-endpoint", "http://s3.example.com",
        "--db-dir", tmp.resolve("pg").toString());
    assertEquals(EValueCli.EXIT_FAILURE, r.code());
    assertTrue(r.err().contains("must use https"), r.err());
  }

  @Test
  void simulateWritesTheFleetFiles() {
    Result r = run("simulate", "--vehicles", "3", "--days", "2", "--seed", "5", "--out", tmp.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(Files.exists(tmp.resolve("fleet.csv")));
    assertTrue(Files.exists(tmp.resolve("truth.csv")));
    assertTrue(r.out().contains("simulated 3 vehicles x 2 days"), r.out());
    assertFalse(r.out().contains("sensor errors"), r.out());
    Result biased = run("simulate", "--vehicles", "3", "--days", "2", "--seed", "5", "--sensor-bias", "0.5",
        "--out", tmp.resolve("biased").toString());
    assertEquals(0, biased.code(), biased.err());
    assertTrue(biased.out().contains("seed 5, per-vehicle sensor errors sd 0.50 %)"), biased.out());
  }

  @Test
  void migrateTwiceThenImportAFleetOnTheEmbeddedDatabase() throws Exception {
    String pg = tmp.resolve("pg").toString();
    Result first = run("db", "migrate", "--db-dir", pg);
    assertEquals(0, first.code(), first.err());
    assertTrue(first.out().contains("applied=1"), first.out());
    Result second = run("db", "migrate", "--db-dir", pg);
    assertEquals(0, second.code(), second.err());
    assertTrue(second.out().contains("applied=0"), second.out());

    Path csv = tmp.resolve("fleet.csv");
    Files.writeString(csv, "vin,make,model,net_capacity_kwh,range_km\n"
        + "5YJ3E7EB9NF000123,tesla,model 3,75.0,602\n"
        + "5YJ3E7EB9NF00012O,tesla,model 3,75.0,602\n");
    Result imported = run("fleet", "import", "--csv", csv.toString(), "--db-dir", pg);
    assertEquals(0, imported.code(), imported.err());
    assertTrue(imported.out().contains("inserted=1") && imported.out().contains("rejected=1"), imported.out());
    assertTrue(imported.out().contains("line 3"), imported.out());
    Result again = run("fleet", "import", "--csv", csv.toString(), "--db-dir", pg);
    assertTrue(again.out().contains("inserted=0") && again.out().contains("unchanged=1"), again.out());
  }

  @Test
  void ingestFilesOfEveryMakeInOneRun() {
    Path sim = tmp.resolve("sim-all");
    assertEquals(0, run("simulate", "--vehicles", "8", "--days", "2", "--seed", "5", "--out", sim.toString(),
        "--start-date", "2025-05-05").code());
    Path wh = tmp.resolve("wh-all");
    Result all = run("ingest", "files", "--make", "all", "--input", sim.resolve("payloads").toString(),
        "--warehouse", wh.toString());
    assertEquals(0, all.code(), all.err());
    long makes;
    try (java.util.stream.Stream<Path> dirs = java.nio.file.Files.list(sim.resolve("payloads"))) {
      makes = dirs.count();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    long filled;
    try (java.util.stream.Stream<Path> dirs = java.nio.file.Files.list(wh.resolve("temp"))) {
      filled = dirs.count();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    assertTrue(makes >= 5, "simulated makes: " + makes);
    assertEquals(makes, filled, "every make's folder reached temp/");

    Result notADirectory = run("ingest", "files", "--make", "all", "--input", "s3://bucket/in/*",
        "--warehouse", wh.toString());
    assertEquals(EValueCli.EXIT_USAGE, notADirectory.code());
    assertTrue(notADirectory.err().contains("local directory"), notADirectory.err());
  }

  @Test
  void theWarehouseOptionsReachAnS3CompatibleStore() throws Exception {
    Path sim = tmp.resolve("sim");
    assertEquals(0, run("simulate", "--vehicles", "2", "--days", "2", "--seed", "3", "--out", sim.toString(),
        "--start-date", "2025-05-05").code());
    String prefix = "cli-" + java.util.UUID.randomUUID();
    int port = com.evalue.io.testing.InProcessS3.port();
    Result r = run("ingest", "files", "--make", "tesla", "--input", sim.resolve("payloads/tesla").toString(),
        "--warehouse", "s3://" + com.evalue.io.testing.InProcessS3.BUCKET + "/" + prefix,
        "--s3-endpoint", "http://127.0.0.1:" + port, "--s3-path-style", "--s3-access-key", "test",
        "--s3-secret-key", "test");
    assertEquals(0, r.code(), r.err());
    com.evalue.io.storage.Warehouse w = com.evalue.io.testing.InProcessS3.warehouse(prefix);
    assertFalse(w.list("temp/tesla/*/*/*.ndjson.gz").isEmpty(), "no temp objects in s3://…/" + prefix);
    assertFalse(w.list("runs/ingestion/tesla/*.json").isEmpty(), "no run summary in s3://…/" + prefix);

    // The input may itself be an s3:// pattern: the same files read from the store give the same counts.
    try (java.util.stream.Stream<Path> files = java.nio.file.Files.list(sim.resolve("payloads/tesla"))) {
      for (Path f : files.toList()) {
        w.write("incoming/" + f.getFileName(), java.nio.file.Files.readAllBytes(f));
      }
    }
    Result fromS3 = run("ingest", "files", "--make", "tesla",
        "--input", "s3://" + com.evalue.io.testing.InProcessS3.BUCKET + "/" + prefix + "/incoming/*",
        "--warehouse", "s3://" + com.evalue.io.testing.InProcessS3.BUCKET + "/" + prefix + "-2",
        "--s3-endpoint", "http://127.0.0.1:" + port, "--s3-path-style", "--s3-access-key", "test",
        "--s3-secret-key", "test");
    assertEquals(0, fromS3.code(), fromS3.err());
    java.util.function.Function<String, String> counts =
        out -> out.replaceAll("(?s).*(files=\\d+ messages_read=\\d+ envelopes_accepted=\\d+ rejected=\\d+).*", "$1");
    assertTrue(counts.apply(r.out()).startsWith("files="), r.out());
    assertEquals(counts.apply(r.out()), counts.apply(fromS3.out()));
  }
}
