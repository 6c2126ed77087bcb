package com.evalue.simulate;

import com.evalue.simulate.bmw.BmwCarDataEmitter;
import com.evalue.simulate.bmw.BmwPushEmitter;
import com.evalue.simulate.emit.Dropouts;
import com.evalue.simulate.emit.JsonRecord;
import com.evalue.simulate.emit.RecordSink;
import com.evalue.simulate.emit.SourceEmitter;
import com.evalue.simulate.fleet.FleetPlanner;
import com.evalue.simulate.fleet.Region;
import com.evalue.simulate.fleet.SensorBias;
import com.evalue.simulate.fleet.SimulatedVehicle;
import com.evalue.simulate.highmobility.HighMobilityEmitter;
import com.evalue.simulate.output.DefectInjector;
import com.evalue.simulate.output.DeliveryBook;
import com.evalue.simulate.output.FleetFiles;
import com.evalue.simulate.physics.Climate;
import com.evalue.simulate.physics.UsageSimulator;
import com.evalue.simulate.physics.VehicleHistory;
import com.evalue.simulate.random.Rng;
import com.evalue.simulate.stellantis.StellantisEmitter;
import com.evalue.simulate.tesla.TeslaEmitter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Simulates a fleet and writes, under the output directory:
 *
 * <ul>
 *   <li>{@code fleet.csv} — one row per vehicle (static attributes);
 *   <li>{@code truth.csv} — true SoH and odometer per vehicle and ISO week;
 *   <li>{@code payloads/{make}/…} — the native payloads of every source, one file per delivery day
 *       (sources.md §2–§5);
 *   <li>{@code summary.json} — the {@link SimulationSummary}.
 * </ul>
 *
 * <p>Each vehicle's life is simulated first (trips, charging, true SoH); the source emitters then report it day
 * by day, and the defect injector delivers their records. Output is deterministic for a config.
 */
public final class FleetSimulator {
  private static final Logger LOG = LoggerFactory.getLogger(FleetSimulator.class);

  private final SimulationConfig config;
  private final SimulationProgress progress;

  public FleetSimulator(SimulationConfig config) {
    this(config, SimulationProgress.NONE);
  }

  public FleetSimulator(SimulationConfig config, SimulationProgress progress) {
    this.config = config;
    this.progress = progress;
  }

  public SimulationSummary run() throws IOException {
    LocalDate start = config.effectiveStartDate();
    LocalDate lastDay = start.plusDays(config.days() - 1L);
    long seed = config.seed();
    Path out = config.outputDir();
    Path payloads = out.resolve("payloads");
    Files.createDirectories(out);
    deleteRecursively(payloads);
    LOG.debug("simulation start vehicles={} days={} seed={} start={} defects={} out={}", config.vehicles(),
        config.days(), seed, start, config.defects(), out);

    List<SimulatedVehicle> vehicles = new FleetPlanner(seed).plan(config.vehicles(), start);
    Map<Region, Climate> climates = new LinkedHashMap<>();
    for (Region r : Region.ALL) {
      climates.put(r, new Climate(r, seed, start, config.days()));
    }
    List<VehicleHistory> histories = new ArrayList<>(vehicles.size());
    List<SensorBias> biases = new ArrayList<>(vehicles.size());
    for (SimulatedVehicle v : vehicles) {
      SensorBias bias = SensorBias.draw(seed, v.index(), config.sensorBias());
      biases.add(bias);
      histories.add(new UsageSimulator(v, climates.get(v.region()), start, config.days(), seed, bias).run());
      progress.onProgress(SimulationProgress.Stage.VEHICLES, histories.size(), vehicles.size());
    }
    FleetFiles.writeFleet(out.resolve("fleet.csv"), vehicles);
    FleetFiles.writeTruth(out.resolve("truth.csv"), vehicles, histories);

    DeliveryBook book = new DeliveryBook(payloads, lastDay);
    DefectInjector injector = new DefectInjector(book, config.defects());
    List<List<SourceEmitter>> emitters = new ArrayList<>();
    List<RecordSink> sinks = new ArrayList<>();
    for (int i = 0; i < vehicles.size(); i++) {
      SimulatedVehicle v = vehicles.get(i);
      Dropouts dropouts = config.defects()
          ? Dropouts.draw(Rng.derive(seed, "dropouts", i), start, config.days())
          : Dropouts.none();
      emitters.add(emittersFor(v, histories.get(i), seed, dropouts, config.defects(), biases.get(i)));
      sinks.add(injector.sinkFor(v.make(), i, seed));
    }
    for (int d = 0; d < config.days(); d++) {
      LocalDate day = start.plusDays(d);
      for (int i = 0; i < vehicles.size(); i++) {
        for (SourceEmitter e : emitters.get(i)) {
          e.emitDay(day, sinks.get(i));
        }
      }
      book.flushThrough(day);
      progress.onProgress(SimulationProgress.Stage.PAYLOAD_DAYS, d + 1, config.days());
      LOG.debug("payload day written day={} files={} bytes={}", day, book.filesWritten(), book.bytesWritten());
    }
    book.flushThrough(lastDay);

    SimulationSummary summary = new SimulationSummary(config.vehicles(), config.days(), seed, start, lastDay,
        config.defects(), out, book.recordsByMakeAndFormat(), injector.duplicates(), injector.malformedByKind(),
        injector.late(), book.filesWritten(), book.bytesWritten());
    writeSummary(out.resolve("summary.json"), summary, config.sensorBias());
    progress.onProgress(SimulationProgress.Stage.DONE, 1, 1);
    LOG.info("simulation written vehicles={} days={} seed={} records={} duplicates={} malformed={} late={} "
            + "files={} bytes={} out={}", summary.vehicles(), summary.days(), seed, summary.totalRecords(),
        summary.duplicatesInjected(), summary.malformedTotal(), summary.lateRecords(), summary.filesWritten(),
        summary.bytesWritten(), out);
    return summary;
  }

  private static List<SourceEmitter> emittersFor(SimulatedVehicle v, VehicleHistory h, long seed, Dropouts dropouts,
      boolean defects, SensorBias bias) {
    List<SourceEmitter> list = new ArrayList<>(2);
    switch (v.make()) {
      case TESLA:
        list.add(new TeslaEmitter(v, h, seed, defects, dropouts, bias));
        break;
      case BMW:
        list.add(new BmwPushEmitter(v, h, seed, defects, dropouts));
        if (v.makeOrdinal() % 4 == 0) { // about a quarter of BMWs are also linked through CarData (§4.2)
          list.add(new BmwCarDataEmitter(v, h, seed, dropouts));
        }
        break;
      case STELLANTIS:
        list.add(new StellantisEmitter(v, h, seed, defects, dropouts));
        break;
      default:
        list.add(new HighMobilityEmitter(v, h, seed, defects, dropouts, bias));
    }
    return list;
  }

  static void writeSummary(Path file, SimulationSummary s, double sensorBias) throws IOException {
    ObjectNode root = JsonRecord.MAPPER.createObjectNode();
    root.put("vehicles", s.vehicles());
    root.put("days", s.days());
    root.put("seed", s.seed());
    root.put("start_date", s.startDate().toString());
    root.put("last_day", s.lastDay().toString());
    root.put("defects", s.defects());
    root.put("sensor_bias", sensorBias);
    ObjectNode records = root.putObject("records");
    s.recordsByMakeAndFormat().forEach((make, byFormat) -> {
      ObjectNode m = records.putObject(make);
      byFormat.forEach(m::put);
    });
    root.put("records_total", s.totalRecords());
    root.put("duplicates_injected", s.duplicatesInjected());
    ObjectNode malformed = root.putObject("malformed_injected");
    s.malformedByKind().forEach(malformed::put);
    root.put("malformed_total", s.malformedTotal());
    root.put("late_records", s.lateRecords());
    root.put("files_written", s.filesWritten());
    root.put("bytes_written", s.bytesWritten());
    ObjectNode shares = root.putObject("configured_shares");
    shares.put("duplicate", s.defects() ? DefectInjector.DUPLICATE_SHARE : 0);
    shares.put("late", s.defects() ? DefectInjector.LATE_SHARE : 0);
    shares.put("malformed", s.defects() ? DefectInjector.MALFORMED_SHARE : 0);
    Files.writeString(file,
        JsonRecord.MAPPER.writer().with(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root) + "\n");
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    Files.walkFileTree(dir, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        Files.delete(file);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
        Files.delete(d);
        return FileVisitResult.CONTINUE;
      }
    });
  }
}
