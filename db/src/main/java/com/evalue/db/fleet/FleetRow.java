package com.evalue.db.fleet;

import com.evalue.db.catalogue.Brands;
import com.evalue.db.catalogue.Brands.Brand;
import com.evalue.db.csv.CsvTable;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * One validated row of a fleet CSV. {@code brand} is the {@code make} row when the make column names a brand
 * (peugeot, mini, ...) or a make code with a same-named brand (tesla, bmw, ...); it is null for a bare make code
 * such as stellantis or volvo-cars, whose brand then comes from the model. Blank optional values are null.
 */
record FleetRow(int line, String vin, UUID oemId, Brand brand, String model, BigDecimal netCapacityKwh,
    Integer rangeKm, String fleet, String region, LocalDate startDate) {

  /** Validates {@code row}; throws {@link IllegalArgumentException} with a one-line reason when it cannot load. */
  static FleetRow from(CsvTable.Row row, Brands brands) {
    String rawVin = row.get("vin");
    String vin = Vin.normalise(rawVin).orElseThrow(() -> new IllegalArgumentException(
        rawVin.isEmpty() ? "missing VIN" : "invalid VIN '" + rawVin + "'"));
    String make = row.get("make");
    if (make.isEmpty()) {
      throw new IllegalArgumentException("missing make");
    }
    Optional<Brand> brand = brands.brand(make);
    UUID oemId = brand.map(Brand::oemId).or(() -> brands.oemId(make))
        .orElseThrow(() -> new IllegalArgumentException("unknown make '" + make + "'"));
    return new FleetRow(row.line(), vin, oemId, brand.orElse(null), lowerOrNull(row.get("model")),
        positiveDecimal(row, "net_capacity_kwh"), integer(row, "range_km"), orNull(row.get("fleet")),
        orNull(row.get("region")), date(row, "start_date"));
  }

  private static String orNull(String value) {
    return value.isEmpty() ? null : value.replaceAll("\\s+", " ");
  }

  private static String lowerOrNull(String value) {
    String v = orNull(value);
    return v == null ? null : v.toLowerCase(Locale.ROOT);
  }

  private static BigDecimal positiveDecimal(CsvTable.Row row, String column) {
    String v = row.get(column);
    if (v.isEmpty()) {
      return null;
    }
    try {
      BigDecimal value = new BigDecimal(v);
      if (value.signum() > 0) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException("invalid " + column + " '" + v + "' (expected a positive number)");
  }

  private static Integer integer(CsvTable.Row row, String column) {
    String v = row.get(column);
    if (v.isEmpty()) {
      return null;
    }
    try {
      return new BigDecimal(v).intValueExact();
    } catch (NumberFormatException | ArithmeticException e) {
      throw new IllegalArgumentException("invalid " + column + " '" + v + "' (expected a whole number)");
    }
  }

  private static LocalDate date(CsvTable.Row row, String column) {
    String v = row.get(column);
    if (v.isEmpty()) {
      return null;
    }
    try {
      return LocalDate.parse(v);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("invalid " + column + " '" + v + "' (expected YYYY-MM-DD)");
    }
  }
}
