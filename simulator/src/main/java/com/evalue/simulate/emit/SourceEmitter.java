package com.evalue.simulate.emit;

import java.time.LocalDate;

/** Turns one vehicle's history into the native messages of its source, one UTC day at a time, days in order. */
public interface SourceEmitter {
  void emitDay(LocalDate day, RecordSink sink);
}
