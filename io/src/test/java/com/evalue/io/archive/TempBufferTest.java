package com.evalue.io.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.evalue.transforms.model.Envelope;
import com.evalue.transforms.model.EnvelopeJson;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class TempBufferTest {
  @Test
  void roundTripsEnvelopesAndReportsBadLinesWithTheirNumbers() throws Exception {
    Envelope a = CompressedDayTest.env(CompressedDayTest.T0, CompressedDayTest.T0, "s1", "{\"x\":1}");
    ByteArrayOutputStream raw = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(raw)) {
      gz.write((EnvelopeJson.toLine(a) + "\n{not json\n"
          + EnvelopeJson.toLine(a).replace(a.vin(), "BADVIN") + "\n").getBytes(StandardCharsets.UTF_8));
    }
    List<Envelope> ok = new ArrayList<>();
    List<TempBuffer.MalformedLine> bad = new ArrayList<>();
    TempBuffer.decode(raw.toByteArray(), ok::add, bad::add);

    assertEquals(List.of(a), ok);
    assertEquals(2, bad.size());
    assertEquals(2, bad.get(0).lineNumber());
    assertTrue(bad.get(0).reason().startsWith("malformed envelope line"), bad.get(0).reason());
    assertEquals(3, bad.get(1).lineNumber());
    assertTrue(bad.get(1).reason().contains("invalid VIN"), bad.get(1).reason());
    assertEquals(List.of(a), TempBuffer.decodeAll(TempBuffer.encode(List.of(a))));
  }

  @Test
  void aTruncatedObjectKeepsWhatWasReadAndReportsTheRest() {
    Envelope a = CompressedDayTest.env(CompressedDayTest.T0, CompressedDayTest.T0, "s1", "{\"x\":1}");
    byte[] full = TempBuffer.encode(List.of(a, a, a));
    byte[] truncated = java.util.Arrays.copyOf(full, full.length - 12);
    List<TempBuffer.MalformedLine> bad = new ArrayList<>();
    TempBuffer.decode(truncated, e -> {}, bad::add);
    assertEquals(1, bad.size());
    assertTrue(bad.get(0).reason().startsWith("unreadable temp object"), bad.get(0).reason());
  }

  @Test
  void namesFollowTheStorageContract() {
    assertEquals("temp/tesla/5YJ3E7EB9NF000123/2025-06-14/host-1_1749892351482_000007.ndjson.gz",
        ArchivePaths.tempObject(com.evalue.transforms.model.Make.TESLA, "5YJ3E7EB9NF000123",
            java.time.LocalDate.parse("2025-06-14"), "host-1", 1749892351482L, 7));
    assertEquals(new DayKey(com.evalue.transforms.model.Make.TESLA, "5YJ3E7EB9NF000123",
            java.time.LocalDate.parse("2025-06-14")),
        ArchivePaths.dayOfTempObject(
            "temp/tesla/5YJ3E7EB9NF000123/2025-06-14/host-1_1749892351482_000007.ndjson.gz").orElseThrow());
    assertEquals("compressed/mercedes-benz/2025/06/04/W1K00000000000001.parquet",
        ArchivePaths.compressedObject(new DayKey(com.evalue.transforms.model.Make.MERCEDES_BENZ,
            "W1K00000000000001", java.time.LocalDate.parse("2025-06-04"))));
    assertTrue(TempBuffer.writerId("x").matches("[a-z0-9-]+"));
  }
}
