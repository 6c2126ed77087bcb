package com.evalue.transforms.source.tesla;

/**
 * One Tesla {@code Value}, whichever encoding it came in (spec: sources.md §2.2, §2.5). {@link #valueCase()} is the
 * proto number of the oneof member, so the protobuf and JSON forms of a record give equal values, and
 * {@link #canonical()} is the value's text in the content hash (§2.6.3).
 */
public sealed interface TeslaValue {
  int STRING = 1;
  int INT = 2;
  int LONG = 3;
  int FLOAT = 4;
  int DOUBLE = 5;
  int BOOLEAN = 6;
  int LOCATION = 7;
  int INVALID = 10;
  /** Sort position of JSON members we do not know: after every proto number. */
  int UNKNOWN_JSON_CASE = Integer.MAX_VALUE;

  int valueCase();

  /** The name of the value case for members without a number (JSON members we do not know); "" otherwise. */
  default String caseName() {
    return "";
  }

  String canonical();

  /** {@code string_value}. */
  record Text(String value) implements TeslaValue {
    public int valueCase() {
      return STRING;
    }

    public String canonical() {
      return value;
    }
  }

  /** {@code int_value} (case 2) or {@code long_value} (case 3). */
  record Integral(int valueCase, long value) implements TeslaValue {
    public String canonical() {
      return Long.toString(value);
    }
  }

  /** {@code float_value}: kept as the 32-bit float that was sent. */
  record Float32(float value) implements TeslaValue {
    public int valueCase() {
      return FLOAT;
    }

    public String canonical() {
      return Float.toString(value);
    }

    /** The shortest decimal representation, so that 67.418f is 67.418 and not 67.41799926 (§2.4.2). */
    public double asDouble() {
      return Double.parseDouble(Float.toString(value));
    }
  }

  /** {@code double_value}. */
  record Float64(double value) implements TeslaValue {
    public int valueCase() {
      return DOUBLE;
    }

    public String canonical() {
      return Double.toString(value);
    }
  }

  /** {@code boolean_value}. */
  record Bool(boolean value) implements TeslaValue {
    public int valueCase() {
      return BOOLEAN;
    }

    public String canonical() {
      return Boolean.toString(value);
    }
  }

  /** {@code invalid}: true means "cannot be measured" (§2.4.4). */
  record Invalid(boolean value) implements TeslaValue {
    public int valueCase() {
      return INVALID;
    }

    public String canonical() {
      return Boolean.toString(value);
    }
  }

  /** {@code location_value} (not used by any signal, kept for the content hash). */
  record Location(double latitude, double longitude) implements TeslaValue {
    public int valueCase() {
      return LOCATION;
    }

    public String canonical() {
      return latitude + "," + longitude;
    }
  }

  /** One of the enum cases, already normalised to its canonical string (§2.2). */
  record EnumName(TeslaEnum type, String name) implements TeslaValue {
    public int valueCase() {
      return type.valueCase();
    }

    public String canonical() {
      return name;
    }
  }

  /** A numeric JSON member whose text is not a number, e.g. {@code "longValue":"abc"}: a bad number (§2.4.1). */
  record BadNumber(int valueCase, String text) implements TeslaValue {
    public String canonical() {
      return text;
    }
  }

  /**
   * A value case we do not know: a protobuf field number ({@code valueCase} = that number, {@code canonical} = hex of
   * its bytes) or a JSON member ({@code caseName} = its name, {@code canonical} = its compact JSON).
   */
  record Unknown(int valueCase, String caseName, String canonical) implements TeslaValue {}

  /** A datum without a value. */
  record None() implements TeslaValue {
    public int valueCase() {
      return 0;
    }

    public String canonical() {
      return "";
    }
  }
}
