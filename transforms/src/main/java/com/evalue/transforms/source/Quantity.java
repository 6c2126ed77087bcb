package com.evalue.transforms.source;

/** A physical quantity and its canonical unit after parsing (spec: sources.md §1.8, README.md unit conventions). */
public enum Quantity {
  LENGTH("km"),
  SPEED("km/h"),
  ENERGY("kWh"),
  POWER("kW"),
  TEMPERATURE("°C"),
  DURATION("s"),
  PERCENT("%"),
  VOLTAGE("V"),
  CURRENT("A"),
  /** Energy consumption; not in the §1.8 table, see {@link UnitTags}. */
  CONSUMPTION("kWh/100 km");

  private final String canonicalUnit;

  Quantity(String canonicalUnit) {
    this.canonicalUnit = canonicalUnit;
  }

  public String canonicalUnit() {
    return canonicalUnit;
  }
}
