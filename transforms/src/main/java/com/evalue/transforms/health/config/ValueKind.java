package com.evalue.transforms.health.config;

import com.evalue.transforms.health.SohMethod;
import com.evalue.transforms.model.Make;
import com.evalue.transforms.source.ColumnType;
import com.evalue.transforms.source.SignalColumn;
import com.evalue.transforms.source.Signals;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The value types of the analytics keys: how a YAML node is validated into the canonical Java value, and how that
 * value is rendered canonically (sorted keys, plain decimals) for the fingerprint. Map-valued kinds merge a given
 * map into the current one entry by entry, so a file may override a single SoC window or CI floor.
 */
enum ValueKind {
  NUMBER {
    @Override
    Object parse(JsonNode node, Object current, String path) {
      return number(node, path);
    }
  },
  INTEGER {
    @Override
    Object parse(JsonNode node, Object current, String path) {
      double d = number(node, path);
      if (d != Math.rint(d) || d < 0 || d > Integer.MAX_VALUE) {
        throw new AnalyticsConfigException(path + ": expected a non-negative integer, got " + node);
      }
      return (int) d;
    }
  },
  MONOTONE_METHOD {
    @Override
    Object parse(JsonNode node, Object current, String path) {
      String s = text(node, path);
      if (!s.equals(AnalyticsConfig.WEIGHTED_ISOTONIC)) {
        throw new AnalyticsConfigException(path + ": the only supported method is "
            + AnalyticsConfig.WEIGHTED_ISOTONIC + ", got '" + s + "'");
      }
      return s;
    }
  },
  DATE {
    @Override
    Object parse(JsonNode node, Object current, String path) {
      String s = text(node, path);
      try {
        return LocalDate.parse(s).toString();
      } catch (DateTimeParseException e) {
        throw new AnalyticsConfigException(path + ": expected a date YYYY-MM-DD, got '" + s + "'");
      }
    }
  },
  MAKE_SET {
    @Override
    Object parse(JsonNode node, Object current, String path) {
      Set<String> out = new TreeSet<>();
      for (JsonNode e : array(node, path)) {
        out.add(make(text(e, path), path));
      }
      return List.copyOf(out);
    }
  },
  METHOD_SET {
    @Override
    Object parse(JsonNode node, Object current, String path) {
      Set<String> out = new TreeSet<>();
      for (JsonNode e : array(node, path)) {
        out.add(method(text(e, path), path, false));
      }
      return List.copyOf(out);
    }
  },
  RANGE {
    @Override
    Object parse(JsonNode node, Object current, String path) {
      return range(node, path);
    }
  },
  MAKE_RANGES {
    @Override
    Object parse(JsonNode node, Object current, String path) {
      return mergeMap(node, current, path, (k, v, p) -> {
        make(k, p);
        return range(v, p);
      });
    }
  },
  METHOD_NUMBERS {
    @Override
    Object parse(JsonNode node, Object current, String path) {
      return mergeMap(node, current, path, (k, v, p) -> {
        method(k, p, true);
        double d = number(v, p);
        if (d < 0) {
          throw new AnalyticsConfigException(p + ": must not be negative, got " + d);
        }
        return d;
      });
    }
  },
  SIGNAL_RANGES {
    @Override
    Object parse(JsonNode node, Object current, String path) {
      return mergeMap(node, current, path, (k, v, p) -> {
        if (!ALL_NUMERIC_SIGNALS.contains(k)) {
          throw new AnalyticsConfigException(p + ": unknown numeric signal '" + k + "'; expected one of "
              + ALL_NUMERIC_SIGNALS);
        }
        return range(v, p);
      });
    }
  },
  MAKE_SIGNAL_FACTORS {
    @Override
    Object parse(JsonNode node, Object current, String path) {
      return mergeMap(node, current, path, (makeCode, v, p) -> {
        Make make = Make.parse(make(makeCode, p));
        Set<String> signals = Signals.columnsFor(make).stream().filter(c -> c.type() == ColumnType.DOUBLE)
            .map(SignalColumn::name).collect(Collectors.toCollection(TreeSet::new));
        return mergeMap(v, null, p, (signal, f, q) -> {
          if (!signals.contains(signal)) {
            throw new AnalyticsConfigException(q + ": " + make.code() + " has no numeric signal '" + signal
                + "'; expected one of " + signals);
          }
          double d = number(f, q);
          if (d == 0) {
            throw new AnalyticsConfigException(q + ": a scale factor must not be 0");
          }
          return d;
        });
      });
    }
  };

  static final Set<String> ALL_NUMERIC_SIGNALS = Arrays.stream(Make.values())
      .flatMap(m -> Signals.columnsFor(m).stream()).filter(c -> c.type() == ColumnType.DOUBLE)
      .map(SignalColumn::name).collect(Collectors.toCollection(TreeSet::new));

  /** Validates {@code node} (the YAML value at {@code path}) against this kind, merging into {@code current}. */
  abstract Object parse(JsonNode node, Object current, String path);

  boolean isMap() {
    return this == MAKE_RANGES || this == METHOD_NUMBERS || this == SIGNAL_RANGES || this == MAKE_SIGNAL_FACTORS;
  }

  /** The canonical JSON of a canonical value: sorted keys, numbers as plain decimals. */
  static JsonNode render(Object value) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    if (value instanceof Double d) {
      return f.textNode("#" + plain(d));
    }
    if (value instanceof Integer i) {
      return f.textNode("#" + i);
    }
    if (value instanceof String s) {
      return f.textNode(s);
    }
    if (value instanceof ValueRange r) {
      ArrayNode a = f.arrayNode();
      a.add(render(r.lo()));
      a.add(render(r.hi()));
      return a;
    }
    if (value instanceof List<?> l) {
      ArrayNode a = f.arrayNode();
      l.forEach(e -> a.add(render(e)));
      return a;
    }
    if (value instanceof Map<?, ?> m) {
      ObjectNode o = f.objectNode();
      new TreeMap<>(m).forEach((k, v) -> o.set((String) k, render(v)));
      return o;
    }
    throw new IllegalStateException("unexpected configuration value " + value);
  }

  /** A double as a plain decimal without trailing zeros: 45.0 → 45, 1e-5 → 0.00001, −0.0 → 0. */
  static String plain(double d) {
    if (d == 0) {
      return "0";
    }
    return new BigDecimal(Double.toString(d)).stripTrailingZeros().toPlainString();
  }

  @FunctionalInterface
  interface EntryParser {
    Object parse(String key, JsonNode value, String path);
  }

  static Map<String, Object> mergeMap(JsonNode node, Object current, String path, EntryParser entries) {
    if (!node.isObject()) {
      throw new AnalyticsConfigException(path + ": expected a mapping, got " + node.getNodeType());
    }
    TreeMap<String, Object> out = new TreeMap<>();
    if (current instanceof Map<?, ?> m) {
      m.forEach((k, v) -> out.put((String) k, v));
    }
    Iterator<Map.Entry<String, JsonNode>> it = node.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      String p = path + "." + e.getKey();
      if (e.getValue().isNull()) {
        throw new AnalyticsConfigException(p + ": a value is required");
      }
      Object existing = out.get(e.getKey());
      Object parsed = existing instanceof Map<?, ?> && e.getValue().isObject()
          ? mergeNested(entries, e.getKey(), e.getValue(), existing, p)
          : entries.parse(e.getKey(), e.getValue(), p);
      out.put(e.getKey(), parsed);
    }
    return java.util.Collections.unmodifiableMap(out);
  }

  private static Object mergeNested(EntryParser entries, String key, JsonNode value, Object existing, String p) {
    // Nested maps (scale_factors.{make}) merge too: parse the given entries, then lay them over the existing ones.
    Object parsed = entries.parse(key, value, p);
    TreeMap<String, Object> merged = new TreeMap<>();
    ((Map<?, ?>) existing).forEach((k, v) -> merged.put((String) k, v));
    ((Map<?, ?>) parsed).forEach((k, v) -> merged.put((String) k, v));
    return java.util.Collections.unmodifiableMap(merged);
  }

  static double number(JsonNode node, String path) {
    double d;
    if (node.isNumber()) {
      d = node.doubleValue();
    } else if (node.isTextual()) {
      // YAML 1.1 reads "1e-5" (no dot) as a string; accept any decimal text.
      try {
        d = new BigDecimal(node.textValue().trim()).doubleValue();
      } catch (NumberFormatException e) {
        throw new AnalyticsConfigException(path + ": expected a number, got '" + node.textValue() + "'");
      }
    } else {
      throw new AnalyticsConfigException(path + ": expected a number, got " + node.getNodeType());
    }
    if (!Double.isFinite(d)) {
      throw new AnalyticsConfigException(path + ": expected a finite number, got " + node);
    }
    return d;
  }

  static String text(JsonNode node, String path) {
    if (!node.isValueNode() || node.isNull()) {
      throw new AnalyticsConfigException(path + ": expected a scalar, got " + node.getNodeType());
    }
    return node.asText().trim();
  }

  static List<JsonNode> array(JsonNode node, String path) {
    if (!node.isArray()) {
      throw new AnalyticsConfigException(path + ": expected a list, got " + node.getNodeType());
    }
    List<JsonNode> out = new ArrayList<>();
    node.forEach(out::add);
    return out;
  }

  static ValueRange range(JsonNode node, String path) {
    List<JsonNode> a = array(node, path);
    if (a.size() != 2) {
      throw new AnalyticsConfigException(path + ": expected [lo, hi], got " + node);
    }
    double lo = number(a.get(0), path);
    double hi = number(a.get(1), path);
    if (lo > hi) {
      throw new AnalyticsConfigException(path + ": lo must not exceed hi, got " + node);
    }
    return new ValueRange(lo, hi);
  }

  /** A make code, exactly as spelled in the spec (lower case). */
  static String make(String code, String path) {
    return Make.fromCode(code).map(Make::code).filter(c -> c.equals(code))
        .orElseThrow(() -> unknownMake(code, path));
  }

  static AnalyticsConfigException unknownMake(String code, String path) {
    return new AnalyticsConfigException(path + ": unknown make '" + code + "'; expected one of " + Make.codes());
  }

  static String method(String label, String path, boolean allowOem) {
    SohMethod m = SohMethod.find(label).filter(x -> allowOem || x != SohMethod.OEM).orElseThrow(() ->
        new AnalyticsConfigException(path + ": unknown SoH method '" + label + "'; expected one of "
            + Arrays.stream(SohMethod.values()).filter(x -> allowOem || x != SohMethod.OEM)
                .map(SohMethod::label).toList()));
    return m.label();
  }
}
