package com.evalue.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.evalue.io.archive.ArchivePaths;
import com.evalue.io.archive.CompressedDay;
import com.evalue.io.archive.TempBuffer;
import com.evalue.io.storage.Warehouse;
import com.evalue.pipelines.ingest.TeslaFeed;
import com.evalue.transforms.model.Envelope;
import com.evalue.transforms.model.Make;
import com.evalue.transforms.source.EnvelopeExtractor;
import com.evalue.transforms.source.Extracted;
import com.evalue.transforms.source.Transport;
import com.evalue.transforms.source.tesla.TeslaEnvelopes;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code evalue demo --streaming} on a small fleet: Tesla through the embedded broker and the streaming ingestion,
 * the other makes through their files, then compaction, the pipeline and the report. Checks that the compacted Tesla
 * archive (plus the temp buffer, for the days compaction does not close yet) holds exactly the records the
 * simulated files carry (by compaction's key: vin, event_time, content_hash), so nothing was lost or invented on
 * the way through Kafka.
 */
class DemoStreamingTest {
  @TempDir Path tmp;

  @Test
  void teslaStreamsThroughKafkaIntoTheArchiveAndTheReportIsPrinted() {
    Path sim = tmp.resolve("sim");
    Path warehouse = tmp.resolve("warehouse");
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = EValueCli.execute(new String[] {"demo", "--streaming", "--vehicles", "8", "--days", "2", "--seed",
        "11", "--out", sim.toString(), "--warehouse", warehouse.toString(), "--db-dir", tmp.resolve("pg").toString()},
        new PrintWriter(out, true), new PrintWriter(err, true));
    String o = out.toString();
    assertEquals(0, code, o + err);

    Matcher m = Pattern.compile("tesla \\(streamed\\): records_published=(\\d+) records_read=(\\d+) "
        + "envelopes_written=(\\d+) dead_letters=(\\d+) temp_objects=\\d+ offsets committed to the end").matcher(o);
    assertTrue(m.find(), o);
    long published = Long.parseLong(m.group(1));
    assertTrue(published > 100, o);
    assertEquals(published, Long.parseLong(m.group(2)));
    assertEquals(published, Long.parseLong(m.group(3)) + Long.parseLong(m.group(4)), "each record written once");
    assertTrue(o.contains("Fleet archive"), o);
    assertTrue(o.contains("(* through Kafka and the streaming ingestion)"), o);

    // what the files carry, decoded directly, against what compaction wrote
    Set<String> expected = TeslaFeed.readFiles(sim.resolve("payloads").resolve("tesla")).stream()
        .flatMap(msg -> EnvelopeExtractor.extract(Make.TESLA, TeslaEnvelopes.detectFormat(msg.value()), msg.value(),
            new Transport(Instant.now(), "x", msg.vin(), Map.of(), null)).stream())
        .filter(x -> x instanceof Extracted.Accepted)
        .map(x -> key(((Extracted.Accepted) x).envelope()))
        .collect(Collectors.toSet());
    Warehouse w = Warehouse.at(warehouse.toString());
    Set<String> archived = w.list(ArchivePaths.compressedGlob(Make.TESLA)).stream()
        .flatMap(f -> CompressedDay.fromParquet(w.read(f)).rows().stream()).map(DemoStreamingTest::key)
        .collect(Collectors.toCollection(java.util.HashSet::new));
    // compaction closes past days only: the simulator's clock-skewed records dated today or later stay in temp/
    w.list("temp/tesla/**").stream().flatMap(f -> TempBuffer.decodeAll(w.read(f)).stream())
        .forEach(e -> {
          assertTrue(!e.eventTime().isBefore(LocalDate.now(ZoneOffset.UTC).atStartOfDay(ZoneOffset.UTC).toInstant()),
              "only days not yet closed stay in temp/: " + e.eventTime());
          archived.add(key(e));
        });
    assertTrue(expected.size() > 50, "the fleet has Teslas");
    Set<String> missing = new TreeSet<>(expected);
    missing.removeAll(archived);
    Set<String> extra = new TreeSet<>(archived);
    extra.removeAll(expected);
    assertEquals(Set.of(), missing, () -> missing.size() + " of " + expected.size() + " records missing, e.g. "
        + missing.stream().limit(5).toList() + "; " + extra.size() + " unexpected, e.g. "
        + extra.stream().limit(5).toList());
    assertEquals(Set.of(), extra, () -> extra.size() + " unexpected records, e.g. " + extra.stream().limit(5).toList());
  }

  static String key(Envelope e) {
    return e.vin() + "|" + e.eventTime() + "|" + e.contentHash();
  }
}
