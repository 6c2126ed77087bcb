package com.evalue.transforms.health.beam;

import com.evalue.transforms.health.Labelled;
import com.evalue.transforms.model.Timestamps;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.coders.CoderException;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.coders.VarLongCoder;

/**
 * Deterministic binary encodings of the value types of the health records: doubles as canonical IEEE-754 bits,
 * instants as epoch microseconds, dates as epoch days, enums by label, signal maps sorted by name.
 */
final class ValueCodec {
  private static final StringUtf8Coder STRING = StringUtf8Coder.of();
  private static final VarIntCoder INT = VarIntCoder.of();
  private static final VarLongCoder LONG = VarLongCoder.of();

  static final int NULL = 0;
  static final int PRESENT = 1;
  private static final int DOUBLE = 1;
  private static final int TEXT = 2;
  private static final int BOOLEAN = 3;

  private ValueCodec() {}

  static void writeString(String s, OutputStream out) throws IOException {
    STRING.encode(s, out);
  }

  static String readString(InputStream in) throws IOException {
    return STRING.decode(in);
  }

  static void writeInt(int v, OutputStream out) throws IOException {
    INT.encode(v, out);
  }

  static int readInt(InputStream in) throws IOException {
    return INT.decode(in);
  }

  static void writeDouble(double v, OutputStream out) throws IOException {
    LONG.encode(Double.doubleToLongBits(v), out);
  }

  static double readDouble(InputStream in) throws IOException {
    return Double.longBitsToDouble(LONG.decode(in));
  }

  static void writeInstant(Instant t, OutputStream out) throws IOException {
    LONG.encode(Timestamps.toEpochMicros(t), out);
  }

  static Instant readInstant(InputStream in) throws IOException {
    return Timestamps.fromEpochMicros(LONG.decode(in));
  }

  static void writeDate(LocalDate d, OutputStream out) throws IOException {
    LONG.encode(d.toEpochDay(), out);
  }

  static LocalDate readDate(InputStream in) throws IOException {
    return LocalDate.ofEpochDay(LONG.decode(in));
  }

  static void writeStrings(List<String> l, OutputStream out) throws IOException {
    INT.encode(l.size(), out);
    for (String s : l) {
      STRING.encode(s, out);
    }
  }

  static List<String> readStrings(InputStream in) throws IOException {
    int n = INT.decode(in);
    List<String> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(STRING.decode(in));
    }
    return out;
  }

  static boolean readPresence(InputStream in) throws IOException {
    int b = in.read();
    if (b == NULL) {
      return false;
    }
    if (b == PRESENT) {
      return true;
    }
    throw new CoderException("bad presence byte " + b);
  }

  /** A signal map: Double, String or Boolean values, in name order. */
  static void writeSignals(Map<String, Object> values, OutputStream out) throws IOException {
    TreeMap<String, Object> sorted = new TreeMap<>(values);
    INT.encode(sorted.size(), out);
    for (Map.Entry<String, Object> e : sorted.entrySet()) {
      STRING.encode(e.getKey(), out);
      Object v = e.getValue();
      if (v instanceof Double d) {
        out.write(DOUBLE);
        writeDouble(d, out);
      } else if (v instanceof String s) {
        out.write(TEXT);
        STRING.encode(s, out);
      } else if (v instanceof Boolean b) {
        out.write(BOOLEAN);
        out.write(b ? 1 : 0);
      } else {
        throw new CoderException("unexpected signal value " + v);
      }
    }
  }

  static Map<String, Object> readSignals(InputStream in) throws IOException {
    int n = INT.decode(in);
    TreeMap<String, Object> out = new TreeMap<>();
    for (int i = 0; i < n; i++) {
      String name = STRING.decode(in);
      int kind = in.read();
      switch (kind) {
        case DOUBLE -> out.put(name, readDouble(in));
        case TEXT -> out.put(name, STRING.decode(in));
        case BOOLEAN -> out.put(name, in.read() == 1);
        default -> throw new CoderException("unknown signal value kind " + kind);
      }
    }
    return out;
  }

  /** One record component of a supported Java type, with a presence byte. */
  static void writeComponent(Class<?> type, Object v, OutputStream out) throws IOException {
    if (v == null) {
      out.write(NULL);
      return;
    }
    out.write(PRESENT);
    if (v instanceof String s) {
      STRING.encode(s, out);
    } else if (v instanceof Double d) {
      writeDouble(d, out);
    } else if (v instanceof Integer i) {
      INT.encode(i, out);
    } else if (v instanceof Boolean b) {
      out.write(b ? 1 : 0);
    } else if (v instanceof Instant t) {
      writeInstant(t, out);
    } else if (v instanceof LocalDate d) {
      writeDate(d, out);
    } else if (v instanceof Labelled l) {
      STRING.encode(l.label(), out);
    } else if (v instanceof List<?> l) {
      @SuppressWarnings("unchecked")
      List<String> strings = (List<String>) l;
      writeStrings(strings, out);
    } else {
      throw new CoderException("unsupported component " + type);
    }
  }

  static Object readComponent(Class<?> type, InputStream in) throws IOException {
    if (!readPresence(in)) {
      return null;
    }
    if (type == String.class) {
      return STRING.decode(in);
    }
    if (type == Double.class || type == double.class) {
      return readDouble(in);
    }
    if (type == Integer.class || type == int.class) {
      return INT.decode(in);
    }
    if (type == Boolean.class || type == boolean.class) {
      return in.read() == 1;
    }
    if (type == Instant.class) {
      return readInstant(in);
    }
    if (type == LocalDate.class) {
      return readDate(in);
    }
    if (type.isEnum()) {
      String label = STRING.decode(in);
      return Arrays.stream(type.getEnumConstants()).filter(e -> ((Labelled) e).label().equals(label)).findFirst()
          .orElseThrow(() -> new CoderException("unknown label " + label + " of " + type.getSimpleName()));
    }
    if (type == List.class) {
      return readStrings(in);
    }
    throw new CoderException("unsupported component " + type);
  }
}
