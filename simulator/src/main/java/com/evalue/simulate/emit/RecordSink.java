package com.evalue.simulate.emit;

@FunctionalInterface
public interface RecordSink {
  void accept(EmittedRecord record);
}
