package com.evalue.pipelines.compaction;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.evalue.io.archive.ChangeLog;
import java.time.LocalDate;
import org.apache.beam.sdk.util.CoderUtils;
import org.junit.jupiter.api.Test;

class ChangeLogEntryCoderTest {
  @Test
  void roundTrips() throws Exception {
    ChangeLogEntryCoder c = ChangeLogEntryCoder.of();
    for (ChangeLog.Entry e : new ChangeLog.Entry[] {
        new ChangeLog.Entry("5YJ3E7EB9NF000123", LocalDate.of(2026, 11, 25), "ab".repeat(32)),
        new ChangeLog.Entry("", LocalDate.of(1970, 1, 1), ""),
        new ChangeLog.Entry("W1N", LocalDate.of(1969, 12, 31), "é")}) {
      assertEquals(e, CoderUtils.decodeFromByteArray(c, CoderUtils.encodeToByteArray(c, e)));
    }
    c.verifyDeterministic();
  }
}
