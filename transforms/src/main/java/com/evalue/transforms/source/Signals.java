package com.evalue.transforms.source;

import com.evalue.transforms.model.Make;
import com.evalue.transforms.source.bmw.BmwCarDataDescriptor;
import com.evalue.transforms.source.bmw.BmwPushKey;
import com.evalue.transforms.source.highmobility.HmProperty;
import com.evalue.transforms.source.stellantis.StellantisSignals;
import com.evalue.transforms.source.tesla.TeslaField;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The fixed canonical column set of each make's {@code raw_tss} files (spec: storage.md §4.1: "the column set is
 * fixed per make (the mappings in sources.md)"). It is derived from the decoders' own mapping tables, so a column
 * exists exactly when some payload of the make can fill it. Order: the order of the spec's mapping tables (BMW: push
 * keys, then the CarData-only descriptors).
 */
public final class Signals {
  private static final Map<Make, List<SignalColumn>> COLUMNS = new EnumMap<>(Make.class);

  static {
    for (Make make : Make.values()) {
      List<SignalColumn> mapped = new ArrayList<>();
      switch (make) {
        case TESLA -> Arrays.stream(TeslaField.values())
            .forEach(f -> f.column().ifPresent(mapped::add));
        case BMW -> {
          Arrays.stream(BmwPushKey.values()).forEach(k -> mapped.add(k.column()));
          Arrays.stream(BmwCarDataDescriptor.values()).forEach(d -> mapped.add(d.column()));
        }
        case STELLANTIS -> StellantisSignals.columns().forEach(mapped::add);
        default -> HmProperty.forMake(make).forEach(p -> mapped.add(p.column()));
      }
      COLUMNS.put(make, distinct(make, mapped));
    }
  }

  private Signals() {}

  /** The canonical signal columns of {@code make}, with their types. */
  public static List<SignalColumn> columnsFor(Make make) {
    return COLUMNS.get(make);
  }

  /** The type of {@code signal} in {@code make}'s schema, when it is one of its columns. */
  public static Optional<ColumnType> typeOf(Make make, String signal) {
    return columnsFor(make).stream().filter(c -> c.name().equals(signal)).map(SignalColumn::type).findFirst();
  }

  private static List<SignalColumn> distinct(Make make, List<SignalColumn> columns) {
    Map<String, SignalColumn> byName = new LinkedHashMap<>();
    for (SignalColumn c : columns) {
      SignalColumn previous = byName.putIfAbsent(c.name(), c);
      if (previous != null && previous.type() != c.type()) {
        throw new IllegalStateException(
            "signal " + c.name() + " of make " + make.code() + " mapped with two types: " + previous.type() + ", "
                + c.type());
      }
    }
    return List.copyOf(byName.values());
  }
}
