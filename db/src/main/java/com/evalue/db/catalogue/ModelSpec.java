package com.evalue.db.catalogue;

import com.evalue.db.catalogue.Brands.Brand;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/** One catalogue row mapped to {@code vehicle_model} columns. spec: schema.md §6.4. */
record ModelSpec(int evdbModelId, String brand, String modelName, String versionText, BatterySpec battery,
    List<Column> details) {

  /** Parses and converts the row; throws {@link IllegalArgumentException} with a one-line reason when unusable. */
  static ModelSpec from(FeedRow row) {
    Integer id = row.integer("Vehicle_ID");
    if (id == null) {
      throw new IllegalArgumentException("missing Vehicle_ID");
    }
    String brand = row.text("Vehicle_Make");
    if (brand == null) {
      throw new IllegalArgumentException("missing Vehicle_Make");
    }
    String model = row.lowerText("Vehicle_Model");
    if (model == null) {
      throw new IllegalArgumentException("missing Vehicle_Model");
    }
    return new ModelSpec(id, brand, model, row.text("Vehicle_Model_Version"), BatterySpec.from(row), details(row));
  }

  private static List<Column> details(FeedRow row) {
    BigDecimal whPerKm = row.exact("Efficiency_Consumption_Real");
    BigDecimal kwhPer100Km = whPerKm == null ? null : whPerKm.divide(BigDecimal.TEN).setScale(2, RoundingMode.HALF_UP);
    List<Column> c = new ArrayList<>();
    c.add(new Column("autonomy", "int", row.integer("Range_WLTP")));
    c.add(new Column("expected_consumption", "numeric", kwhPer100Km));
    c.add(new Column("warranty_date", "int", row.integer("Battery_Warranty_Period")));
    c.add(new Column("warranty_km", "int", row.integer("Battery_Warranty_Mileage")));
    c.add(new Column("source", "text", row.text("EVDB_Detail_URL")));
    c.add(new Column("charge_plug_location", "varchar", row.text("Charge_Plug_Location")));
    c.add(new Column("charge_plug_type", "varchar", row.text("Charge_Plug")));
    c.add(new Column("fast_charge_plug_type", "varchar", row.text("Fastcharge_Plug")));
    c.add(new Column("fast_charge_max_power", "numeric", row.decimal("Fastcharge_Power_Max", 1)));
    c.add(new Column("fast_charge_duration", "int", row.integer("Fastcharge_ChargeTime")));
    c.add(new Column("standard_charge_duration", "int", row.integer("Charge_Standard_ChargeTime")));
    c.add(new Column("ac_charge_duration", "int", row.integer("Charge_Alternative_ChargeTime")));
    // Range_Real_{W|B}{Cty|Hwy|Cmb}: W = winter, B = summer
    c.add(new Column("autonomy_city_winter", "int", row.integer("Range_Real_WCty")));
    c.add(new Column("autonomy_city_summer", "int", row.integer("Range_Real_BCty")));
    c.add(new Column("autonomy_highway_winter", "int", row.integer("Range_Real_WHwy")));
    c.add(new Column("autonomy_highway_summer", "int", row.integer("Range_Real_BHwy")));
    c.add(new Column("autonomy_combined_winter", "int", row.integer("Range_Real_WCmb")));
    c.add(new Column("autonomy_combined_summer", "int", row.integer("Range_Real_BCmb")));
    c.add(new Column("maximum_speed", "int", row.integer("Performance_Topspeed")));
    c.add(new Column("commissioning_date", "date", row.month("Availability_Date_From")));
    c.add(new Column("end_of_life_date", "date", row.month("Availability_Date_To")));
    return List.copyOf(c);
  }

  /**
   * All the columns the import owns for this row. {@code version} is owned only for the Renault Zoe (§6.5); for other
   * models it is left alone, since the Tesla activator may refine it (activation.md §5.1).
   */
  List<Column> columns(Brand make, UUID batteryId) {
    List<Column> c = new ArrayList<>();
    c.add(new Column("model_name", "varchar", modelName));
    if (ZoeVersion.isZoe(make.oemCode(), modelName)) {
      ZoeVersion zoe = ZoeVersion.split(versionText);
      c.add(new Column("type", "varchar", zoe.type()));
      c.add(new Column("version", "varchar", zoe.version()));
    } else {
      c.add(new Column("type", "varchar", versionText == null ? null : versionText.toLowerCase(Locale.ROOT)));
    }
    c.add(new Column("oem_id", "uuid", make.oemId()));
    c.add(new Column("make_id", "uuid", make.makeId()));
    c.add(new Column("battery_id", "uuid", batteryId));
    c.addAll(details);
    return c;
  }
}
