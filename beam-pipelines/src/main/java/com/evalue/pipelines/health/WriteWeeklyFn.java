package com.evalue.pipelines.health;

import com.evalue.io.jdbc.VehicleDataWriter;
import com.evalue.io.pipeline.HealthFiles;
import com.evalue.io.storage.Warehouse;
import com.evalue.transforms.health.weekly.WeeklyHealth;
import com.evalue.transforms.model.Make;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.KV;

/**
 * processed_results for one VIN: the Parquet file, then its PostgreSQL {@code vehicle_data} rows in one
 * transaction (spec: pipeline.md §5 step 10, storage.md §7). A VIN without a {@code vehicle} row gets only the
 * file and is counted as {@code pipeline.vin_not_in_db}.
 */
final class WriteWeeklyFn extends DoFn<KV<String, List<WeeklyHealth>>, String> {
  private final Counter notInDb = Metrics.counter(BatteryHealthPipeline.class, "pipeline.vin_not_in_db");
  private final Counter weeks = Metrics.counter(BatteryHealthPipeline.class, "vehicle_data.weeks_written");
  private final Counter changed = Metrics.counter(BatteryHealthPipeline.class, "vehicle_data.rows_changed");
  private final Counter deleted = Metrics.counter(BatteryHealthPipeline.class, "vehicle_data.rows_deleted");
  private final Counter nulled = Metrics.counter(BatteryHealthPipeline.class, "vehicle_data.values_out_of_range");

  private final Warehouse warehouse;
  private final Make make;
  private final JdbcSettings jdbc;
  private final Map<String, UUID> vehicleIds;
  private transient DataSource dataSource;

  WriteWeeklyFn(Warehouse warehouse, Make make, JdbcSettings jdbc, Map<String, UUID> vehicleIds) {
    this.warehouse = warehouse;
    this.make = make;
    this.jdbc = jdbc;
    this.vehicleIds = vehicleIds;
  }

  @Setup
  public void setup() {
    dataSource = jdbc.dataSource();
  }

  /** Emits the VIN once both outputs are written, so the driver can clear it from the dirty set. */
  @ProcessElement
  public void process(@Element KV<String, List<WeeklyHealth>> result, OutputReceiver<String> done) {
    String vin = result.getKey();
    warehouse.write(HealthFiles.processedResults(make, vin),
        HealthFiles.encode("ProcessedResults", WeeklyHealth.COLUMNS, result.getValue()));
    UUID vehicle = vehicleIds.get(vin);
    if (vehicle == null) {
      notInDb.inc();
    } else {
      VehicleDataWriter.Outcome o = VehicleDataWriter.write(dataSource, vehicle, toWeeks(result.getValue()));
      weeks.inc(result.getValue().size());
      changed.inc(o.upserted());
      deleted.inc(o.deleted());
      nulled.inc(o.nulledOutOfRange());
    }
    done.output(vin);
  }

  static List<VehicleDataWriter.Week> toWeeks(List<WeeklyHealth> rows) {
    List<VehicleDataWriter.Week> out = new ArrayList<>(rows.size());
    for (WeeklyHealth w : rows) {
      Map<String, Object> values = new LinkedHashMap<>();
      for (String column : WeeklyHealth.COLUMNS.names()) {
        if (!column.equals("vin") && !column.equals("timestamp")) {
          values.put(column, WeeklyHealth.COLUMNS.get(w, column));
        }
      }
      out.add(new VehicleDataWriter.Week((LocalDate) WeeklyHealth.COLUMNS.get(w, "timestamp"), values));
    }
    return out;
  }
}
