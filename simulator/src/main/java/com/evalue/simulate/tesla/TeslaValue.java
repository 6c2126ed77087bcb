package com.evalue.simulate.tesla;

/** The {@code Value} oneof of the Tesla telemetry protobuf (spec: sources.md §2.2). */
public sealed interface TeslaValue {
  record StringValue(String value) implements TeslaValue {}

  record IntValue(int value) implements TeslaValue {}

  record LongValue(long value) implements TeslaValue {}

  record FloatValue(float value) implements TeslaValue {}

  record DoubleValue(double value) implements TeslaValue {}

  record BooleanValue(boolean value) implements TeslaValue {}

  /** {@code invalid = true}: the vehicle cannot measure the signal now. */
  record Invalid() implements TeslaValue {}

  record EnumValue(TeslaEnum type, int number) implements TeslaValue {
    public static EnumValue of(TeslaEnum type, String shortName) {
      return new EnumValue(type, type.number(shortName));
    }
  }
}
