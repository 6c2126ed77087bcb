package com.evalue.simulate.output;

import com.evalue.simulate.emit.Formats;
import com.evalue.simulate.fleet.SimulatedVehicle;
import com.evalue.simulate.physics.VehicleHistory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.List;

/** Writes fleet.csv (static attributes) and truth.csv (true SoH and odometer per vehicle and ISO week). */
public final class FleetFiles {
  public static final String FLEET_HEADER = "vin,make,model,net_capacity_kwh,range_km,fleet,region,start_date";
  public static final String TRUTH_HEADER = "vin,make,week,true_soh,odometer_km";

  private FleetFiles() {}

  public static void writeFleet(Path file, List<SimulatedVehicle> vehicles) throws IOException {
    StringBuilder sb = new StringBuilder(FLEET_HEADER).append('\n');
    for (SimulatedVehicle v : vehicles) {
      sb.append(v.vin()).append(',').append(v.make().code()).append(',').append(v.model().modelName()).append(',')
          .append(Formats.fixed(v.model().netCapacityKwh(), 1)).append(',').append(v.model().wltpRangeKm())
          .append(',').append(v.fleet()).append(',').append(v.region().name()).append(',')
          .append(v.registrationDate()).append('\n');
    }
    Files.writeString(file, sb, StandardCharsets.UTF_8);
  }

  /**
   * One row per vehicle and ISO week (Monday) overlapping the simulated period. {@code true_soh} is the mean true
   * SoH over the simulated part of the week (the curve is linear, so it is the value at the middle);
   * {@code odometer_km} the odometer at the end of that part.
   */
  public static void writeTruth(Path file, List<SimulatedVehicle> vehicles, List<VehicleHistory> histories)
      throws IOException {
    StringBuilder sb = new StringBuilder(TRUTH_HEADER).append('\n');
    for (int i = 0; i < vehicles.size(); i++) {
      SimulatedVehicle v = vehicles.get(i);
      VehicleHistory h = histories.get(i);
      LocalDate monday = LocalDate.ofInstant(h.start(), ZoneOffset.UTC)
          .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
      while (monday.atStartOfDay(ZoneOffset.UTC).toInstant().isBefore(h.end())) {
        Instant from = later(monday.atStartOfDay(ZoneOffset.UTC).toInstant(), h.start());
        Instant to = earlier(monday.plusDays(7).atStartOfDay(ZoneOffset.UTC).toInstant(), h.end());
        Instant middle = from.plusMillis((to.toEpochMilli() - from.toEpochMilli()) / 2);
        double soh = h.health().at(middle);
        double odometer = h.stateAt(to.minusSeconds(1)).odometerKm();
        sb.append(v.vin()).append(',').append(v.make().code()).append(',').append(monday).append(',')
            .append(Formats.fixed(soh, 5)).append(',').append(Formats.fixed(odometer, 1)).append('\n');
        monday = monday.plusDays(7);
      }
    }
    Files.writeString(file, sb, StandardCharsets.UTF_8);
  }

  private static Instant later(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  private static Instant earlier(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }
}
