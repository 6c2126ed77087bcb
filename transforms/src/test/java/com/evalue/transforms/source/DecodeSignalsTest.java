package com.evalue.transforms.source;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.evalue.transforms.model.Envelope;
import com.evalue.transforms.model.EnvelopeCoder;
import com.evalue.transforms.model.EnvelopeJson;
import com.evalue.transforms.model.Make;
import com.evalue.transforms.model.PayloadFormat;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.MetricNameFilter;
import org.apache.beam.sdk.metrics.MetricQueryResults;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricsFilter;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(TestPipelineExtension.class)
class DecodeSignalsTest {
  private static final String VIN = "VF1AG000166123456";
  private static final Instant RECEIVED_AT = Instant.parse("2025-06-14T09:10:30Z");

  private static Envelope hm(String json, String sourceId) {
    List<Extracted> out = EnvelopeExtractor.extract(Make.RENAULT, PayloadFormat.HM_V13_JSON,
        json.getBytes(StandardCharsets.UTF_8), Transport.of(RECEIVED_AT, sourceId));
    return ((Extracted.Accepted) out.get(0)).envelope();
  }

  @Test
  void decodesGoodEnvelopesAndRoutesAMalformedOneToTheDeadLetterTag(TestPipeline pipeline) {
    Envelope good = hm("""
        {"brand":"renault","vin":"VF1AG000166123456",
         "charging":{"battery_level":{"data":0.64,"timestamp":"2025-06-14T09:10:02Z"},
                     "charging_rate":{"data":{"unit":"watts","value":7200},"timestamp":"2025-06-14T09:10:02Z"},
                     "battery_energy":{"data":{"unit":"furlongs","value":3},"timestamp":"2025-06-14T09:10:02Z"}}}
        """, "poll:1");
    Envelope malformed = new Envelope(VIN, Make.RENAULT, RECEIVED_AT, RECEIVED_AT, PayloadFormat.HM_V13_JSON,
        "{\"brand\":\"renault\",".getBytes(StandardCharsets.UTF_8), "poll:2", "0".repeat(64));

    PCollectionTuple out = pipeline
        .apply("Envelopes", Create.of(List.of(good, malformed)).withCoder(EnvelopeCoder.of()))
        .apply("DecodeSignals", DecodeSignals.create());

    Instant at = Instant.parse("2025-06-14T09:10:02Z");
    PAssert.that(out.get(DecodeSignals.SIGNALS)).containsInAnyOrder(
        new SignalValue(VIN, at, "soc", 0.64, null, false, RECEIVED_AT, "poll:1"),
        new SignalValue(VIN, at, "charging_power", 7.2, null, false, RECEIVED_AT, "poll:1"));
    String malformedLine = EnvelopeJson.toLine(malformed); // the lambda is serialised: capture a String
    PAssert.that(out.get(DecodeSignals.FAILURES)).satisfies(failures -> {
      List<DecodeFailure> all = new java.util.ArrayList<>();
      failures.forEach(all::add);
      assertEquals(1, all.size());
      assertEquals(malformedLine, EnvelopeJson.toLine(all.get(0).envelope()), "the original envelope, unchanged");
      assertEquals(true, all.get(0).reason().startsWith("hm_v13_json: malformed JSON"), all.get(0).reason());
      return null;
    });

    PipelineResult result = pipeline.run();
    result.waitUntilFinish();
    assertEquals(1L, counter(result, ParseCounters.DEAD_LETTER));
    assertEquals(2L, counter(result, DecodeSignals.SIGNAL_VALUES));
    assertEquals(1L, counter(result, "parse.unknown_unit{renault,battery_energy,furlongs}"));
  }

  private static long counter(PipelineResult result, String name) {
    MetricQueryResults q = result.metrics().queryMetrics(MetricsFilter.builder()
        .addNameFilter(MetricNameFilter.named(DecodeSignals.class, name)).build());
    long sum = 0;
    for (MetricResult<Long> c : q.getCounters()) {
      sum += c.getAttempted();
    }
    return sum;
  }
}
