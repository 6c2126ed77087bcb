package com.evalue.transforms.source.stellantis;

import com.evalue.transforms.model.Envelope;
import com.evalue.transforms.source.ColumnType;
import com.evalue.transforms.source.MalformedPayloadException;
import com.evalue.transforms.source.NumberText;
import com.evalue.transforms.source.ParseCounters;
import com.evalue.transforms.source.Quantity;
import com.evalue.transforms.source.SignalColumn;
import com.evalue.transforms.source.SignalSink;
import com.evalue.transforms.source.SourceJson;
import com.evalue.transforms.source.UnitTags;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import javax.annotation.Nullable;

/**
 * One Mobilisights car state → canonical signals (spec: sources.md §5.5 and table). Members are matched
 * case-insensitively. A leaf takes its own {@code datetime}, else that of the nearest enclosing object that has
 * one, else the top-level {@code datetime}.
 */
public final class StellantisSignals {
  private StellantisSignals() {}

  /** How a mapped member carries its value. */
  enum Form {
    /** {@code {value, unit, datetime}}: the unit is required and converts the value (§1.8). */
    VALUE_UNIT,
    /** {@code {percentage, datetime}}: % as is. */
    PERCENTAGE,
    /** A scalar member (string or boolean). */
    SCALAR
  }

  /** One row of the §5 table; {@code alternatives} are tried in order until one gives a value. */
  record Mapping(SignalColumn column, Form form, @Nullable Quantity quantity, List<String> alternatives) {}

  static final List<Mapping> MAPPINGS = List.of(
      new Mapping(col("odometer", ColumnType.DOUBLE), Form.VALUE_UNIT, Quantity.LENGTH, List.of("odometer")),
      new Mapping(col("soc", ColumnType.DOUBLE), Form.PERCENTAGE, null, List.of("electricity.level")),
      new Mapping(col("estimated_range", ColumnType.DOUBLE), Form.VALUE_UNIT, Quantity.LENGTH,
          List.of("electricity.residualAutonomy")),
      new Mapping(col("battery_capacity", ColumnType.DOUBLE), Form.VALUE_UNIT, Quantity.ENERGY,
          List.of("electricity.capacity")),
      new Mapping(col("energy_remaining", ColumnType.DOUBLE), Form.VALUE_UNIT, Quantity.ENERGY,
          List.of("electricity.energyBatteryRemaining")),
      // "charging.battery.stateOfHealth" is read both at top level and under electricity (the table is ambiguous)
      new Mapping(col("soh_oem", ColumnType.DOUBLE), Form.PERCENTAGE, null,
          List.of("electricity.battery.stateOfHealth", "charging.battery.stateOfHealth",
              "electricity.charging.battery.stateOfHealth")),
      new Mapping(col("charging_status", ColumnType.STRING), Form.SCALAR, null,
          List.of("electricity.charging.status")),
      new Mapping(col("charging_mode", ColumnType.STRING), Form.SCALAR, null, List.of("electricity.charging.mode")),
      new Mapping(col("plugged", ColumnType.BOOLEAN), Form.SCALAR, null, List.of("electricity.charging.plugged")),
      new Mapping(col("charging_power", ColumnType.DOUBLE), Form.VALUE_UNIT, Quantity.POWER,
          List.of("electricity.charging.rate")),
      new Mapping(col("outside_temperature", ColumnType.DOUBLE), Form.VALUE_UNIT, Quantity.TEMPERATURE,
          List.of("externalTemperature")));

  /** The columns this decoder can fill, in table order, for {@code Signals}. */
  public static List<SignalColumn> columns() {
    return MAPPINGS.stream().map(Mapping::column).toList();
  }

  private static SignalColumn col(String name, ColumnType type) {
    return new SignalColumn(name, type);
  }

  /** A member found by path, with the datetime that applies to it. */
  private record Found(JsonNode node, Instant at) {}

  public static void decode(Envelope envelope, SignalSink sink) throws MalformedPayloadException {
    JsonNode state = SourceJson.parse(envelope.payload(), StellantisEnvelopes.WHAT);
    if (!state.isObject()) {
      throw new MalformedPayloadException(StellantisEnvelopes.WHAT + ": expected a car-state object, got "
          + SourceJson.kindOf(state));
    }
    Instant top = StellantisEnvelopes.eventTime(state).orElse(envelope.eventTime());
    for (Mapping m : MAPPINGS) {
      for (String path : m.alternatives()) {
        Optional<Found> found = find(state, path, top);
        if (found.isPresent() && hasValue(m.form(), found.get().node())) {
          emit(m, found.get(), sink);
          break;
        }
      }
    }
  }

  /**
   * Walks {@code path} member by member (case-insensitively), keeping the datetime of the nearest object on the way
   * that has one; the leaf object's own datetime counts too.
   */
  private static Optional<Found> find(JsonNode state, String path, Instant top) {
    JsonNode node = state;
    Instant at = top;
    for (String member : path.split("\\.")) {
      JsonNode next = SourceJson.memberIgnoreCase(node, member);
      if (next == null || next.isNull()) {
        return Optional.empty();
      }
      node = next;
      if (node.isObject()) {
        at = SourceJson.instant(SourceJson.memberIgnoreCase(node, "datetime")).orElse(at);
      }
    }
    return Optional.of(new Found(node, at));
  }

  private static boolean hasValue(Form form, JsonNode node) {
    return switch (form) {
      case VALUE_UNIT -> node.isObject() && nonNull(SourceJson.memberIgnoreCase(node, "value"));
      case PERCENTAGE -> node.isObject() && nonNull(SourceJson.memberIgnoreCase(node, "percentage"));
      case SCALAR -> node.isValueNode();
    };
  }

  private static boolean nonNull(@Nullable JsonNode n) {
    return n != null && !n.isNull();
  }

  private static void emit(Mapping m, Found found, SignalSink sink) {
    String signal = m.column().name();
    JsonNode node = found.node();
    switch (m.form()) {
      case PERCENTAGE -> number(SourceJson.memberIgnoreCase(node, "percentage"), sink)
          .ifPresent(v -> sink.number(signal, found.at(), v));
      case VALUE_UNIT -> {
        Optional<Double> v = number(SourceJson.memberIgnoreCase(node, "value"), sink);
        if (v.isEmpty()) {
          return;
        }
        JsonNode unitNode = SourceJson.memberIgnoreCase(node, "unit");
        String unit = unitNode == null || unitNode.isNull() ? null : unitNode.asText();
        // spec: sources.md §5 table — charging.rate only when its unit is kW or W; other units are ignored
        if (m.quantity() == Quantity.POWER && unit != null
            && UnitTags.quantityOf(unit).filter(q -> q != Quantity.POWER).isPresent()) {
          return;
        }
        sink.measured(signal, found.at(), v.get(), m.quantity(), unit, true);
      }
      case SCALAR -> {
        if (m.column().type() == ColumnType.BOOLEAN) {
          OptionalDouble flag = node.isBoolean() ? OptionalDouble.of(node.booleanValue() ? 1.0 : 0.0)
              : NumberText.parseFlag(node.asText());
          if (flag.isPresent()) {
            sink.number(signal, found.at(), flag.getAsDouble());
          } else {
            sink.count(ParseCounters.BAD_NUMBER);
          }
        } else if (!node.asText().isBlank()) {
          sink.text(signal, found.at(), node.asText().trim());
        }
      }
      default -> throw new IllegalStateException("unhandled form " + m.form());
    }
  }

  private static Optional<Double> number(@Nullable JsonNode node, SignalSink sink) {
    OptionalDouble v = SourceJson.number(node);
    if (v.isEmpty()) {
      sink.count(ParseCounters.BAD_NUMBER);
      return Optional.empty();
    }
    return Optional.of(v.getAsDouble());
  }
}
