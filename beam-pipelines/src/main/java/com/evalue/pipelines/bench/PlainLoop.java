package com.evalue.pipelines.bench;

import com.evalue.io.archive.ArchivePaths;
import com.evalue.io.archive.CompressedDay;
import com.evalue.io.pipeline.HealthFiles;
import com.evalue.io.storage.Warehouse;
import com.evalue.transforms.health.FleetInfo;
import com.evalue.transforms.health.HealthCounters;
import com.evalue.transforms.health.config.AnalyticsConfig;
import com.evalue.transforms.health.estimate.PhaseResult;
import com.evalue.transforms.health.history.VehicleHistory;
import com.evalue.transforms.health.history.VehicleOutputs;
import com.evalue.transforms.health.rawtss.PivotResult;
import com.evalue.transforms.health.rawtss.RawTssPivot;
import com.evalue.transforms.health.rawtss.RawTssRow;
import com.evalue.transforms.health.temperature.TemperatureFit;
import com.evalue.transforms.health.weekly.WeeklyHealth;
import com.evalue.transforms.model.Envelope;
import com.evalue.transforms.model.Make;
import com.evalue.transforms.source.DecodeResult;
import com.evalue.transforms.source.SignalDecoder;
import com.evalue.transforms.source.SignalValue;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The battery-health computation as one plain single-threaded Java loop, no Beam: for each make, every
 * {@code compressed/{make}/YYYY/MM/DD/{vin}.parquet} of the archive is read, its envelopes decoded
 * ({@link SignalDecoder}) and pivoted ({@link RawTssPivot}); each VIN's rows then go through
 * {@link VehicleHistory#process} and {@link VehicleHistory#weekly} with the same configuration and fleet_info as the
 * pipeline (Renault: after the per-model temperature fit over all Renault VINs, spec pipeline.md §4.3).
 *
 * <p>It is the speed ceiling for one core and a cross-check: its weekly rows equal the pipeline's
 * processed_results. What it skips: the raw_tss month files, progress and dirty-state bookkeeping, the
 * processed_tss/raw_results files and the PostgreSQL writes.
 */
public final class PlainLoop {
  private static final Pattern COMPRESSED =
      Pattern.compile("^compressed/[a-z-]+/(\\d{4})/(\\d{2})/(\\d{2})/([A-HJ-NPR-Z0-9]{17})\\.parquet$");

  private PlainLoop() {}

  /** Volumes and time of one make. */
  public record MakeRun(Make make, long files, long bytes, long envelopes, long deadLetters, long signalValues,
      long rawTssRows, long points, long phases, int vins, long weeks, long nanos) {}

  /** The weekly rows of every VIN, by make code then VIN, and the volumes. */
  public record Result(Map<String, Map<String, List<WeeklyHealth>>> weekly, List<MakeRun> makes,
      Map<String, TemperatureFit> renaultFits, Map<String, List<PhaseResult>> rawResultsByVin) {
    public long envelopes() {
      return makes.stream().mapToLong(MakeRun::envelopes).sum();
    }

    public long signalValues() {
      return makes.stream().mapToLong(MakeRun::signalValues).sum();
    }

    public long rawTssRows() {
      return makes.stream().mapToLong(MakeRun::rawTssRows).sum();
    }

    public long nanos() {
      return makes.stream().mapToLong(MakeRun::nanos).sum();
    }

    public List<WeeklyEstimate> estimates() {
      List<WeeklyEstimate> out = new ArrayList<>();
      weekly.forEach((make, byVin) -> byVin.values().forEach(rows -> out.addAll(WeeklyEstimate.of(make, rows))));
      return out;
    }
  }

  /**
   * @param fleetInfo fleet_info by make code then VIN (a VIN without an entry is processed with null attributes,
   *     like the pipeline does)
   */
  public static Result run(Warehouse warehouse, List<Make> makes, Map<String, Map<String, FleetInfo>> fleetInfo,
      AnalyticsConfig config, Consumer<String> progress) {
    return run(warehouse, makes, fleetInfo, config, progress, false, "spec");
  }

  /**
   * As {@link #run(Warehouse, List, Map, AnalyticsConfig, Consumer)}; keeps every VIN's raw_results when asked and
   * fits the Renault temperature effect with {@link RenaultFitExperiment} variant {@code renaultFit} ("spec" is the
   * pipeline's fit).
   */
  public static Result run(Warehouse warehouse, List<Make> makes, Map<String, Map<String, FleetInfo>> fleetInfo,
      AnalyticsConfig config, Consumer<String> progress, boolean keepRawResults, String renaultFit) {
    Map<String, List<PhaseResult>> rawResults = new TreeMap<>();
    Map<String, Map<String, List<WeeklyHealth>>> weekly = new TreeMap<>();
    List<MakeRun> runs = new ArrayList<>();
    Map<String, TemperatureFit> fits = Map.of();
    for (Make make : makes) {
      long t0 = System.nanoTime();
      Map<String, FleetInfo> info = fleetInfo.getOrDefault(make.code(), Map.of());
      Map<String, List<String>> filesByVin = new TreeMap<>();
      for (String path : warehouse.list(ArchivePaths.compressedGlob(make))) {
        Matcher m = COMPRESSED.matcher(path);
        if (m.matches()) {
          filesByVin.computeIfAbsent(m.group(4), v -> new ArrayList<>()).add(path);
        }
      }
      long files = 0;
      long bytes = 0;
      long envelopes = 0;
      long dead = 0;
      long values = 0;
      long rawRows = 0;
      long points = 0;
      long phases = 0;
      long weeks = 0;
      Map<String, List<WeeklyHealth>> byVin = new TreeMap<>();
      Map<String, VehicleOutputs> deferred = new LinkedHashMap<>(); // renault: weekly after the fit
      for (Map.Entry<String, List<String>> e : filesByVin.entrySet()) {
        String vin = e.getKey();
        List<RawTssRow> rows = new ArrayList<>();
        for (String path : e.getValue()) {
          Matcher m = COMPRESSED.matcher(path);
          if (!m.matches()) {
            continue;
          }
          LocalDate date = LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
              Integer.parseInt(m.group(3)));
          byte[] file = warehouse.read(path);
          files++;
          bytes += file.length;
          List<SignalValue> decoded = new ArrayList<>();
          for (Envelope env : CompressedDay.fromParquet(file).rows()) {
            envelopes++;
            DecodeResult r = SignalDecoder.decode(env);
            if (r.error() != null) {
              dead++;
            } else {
              decoded.addAll(r.values());
            }
          }
          values += decoded.size();
          PivotResult pivot = RawTssPivot.pivot(make, date, decoded, config);
          rawRows += pivot.rows().size();
          rows.addAll(pivot.rows());
        }
        FleetInfo fi = info.getOrDefault(vin, FleetInfo.unknown(vin));
        VehicleOutputs out = VehicleHistory.process(make, vin, rows, fi, config);
        points += out.points().size();
        phases += out.phases().size();
        if (keepRawResults) {
          rawResults.put(vin, out.rawResults());
        }
        if (make == Make.RENAULT) {
          deferred.put(vin, out);
        } else {
          List<WeeklyHealth> w = VehicleHistory.weekly(make, vin, out.rawResults(), out.points(), fi, null, config,
              new HealthCounters());
          weeks += w.size();
          byVin.put(vin, w);
        }
      }
      if (make == Make.RENAULT) {
        List<PhaseResult> all = new ArrayList<>();
        deferred.values().forEach(o -> all.addAll(o.rawResults()));
        fits = RenaultFitExperiment.fit(renaultFit, all, config);
        for (Map.Entry<String, VehicleOutputs> e : deferred.entrySet()) {
          FleetInfo fi = info.getOrDefault(e.getKey(), FleetInfo.unknown(e.getKey()));
          TemperatureFit fit = fi.model() == null ? null : fits.get(fi.model());
          List<WeeklyHealth> w = VehicleHistory.weekly(make, e.getKey(), e.getValue().rawResults(),
              e.getValue().points(), fi, fit, config, new HealthCounters());
          weeks += w.size();
          byVin.put(e.getKey(), w);
        }
      }
      weekly.put(make.code(), byVin);
      MakeRun run = new MakeRun(make, files, bytes, envelopes, dead, values, rawRows, points, phases,
          filesByVin.size(), weeks, System.nanoTime() - t0);
      runs.add(run);
      progress.accept(String.format("loop %s: %d files, %d envelopes, %d signal values, %d raw_tss rows, %d VINs, "
              + "%d weeks in %.1f s", make.code(), files, envelopes, values, rawRows, filesByVin.size(), weeks,
          run.nanos() / 1e9));
    }
    return new Result(weekly, runs, fits, rawResults);
  }

  /** Every kept raw_results row as CSV (the columns of {@link PhaseResult#COLUMNS}), for analysis. */
  public static String rawResultsCsv(Result result) {
    StringBuilder sb = new StringBuilder(String.join(",", PhaseResult.COLUMNS.names())).append('\n');
    result.rawResultsByVin().values().forEach(rows -> rows.forEach(r -> {
      List<String> cells = new ArrayList<>();
      for (String c : PhaseResult.COLUMNS.names()) {
        Object v = PhaseResult.COLUMNS.get(r, c);
        cells.add(v == null ? "" : v instanceof com.evalue.transforms.health.Labelled l ? l.label()
            : v.toString().replace(",", ";"));
      }
      sb.append(String.join(",", cells)).append('\n');
    }));
    return sb.toString();
  }

  /** Every weekly row as CSV (the columns of {@link WeeklyHealth#COLUMNS} after vin: make first). */
  public static String weeklyCsv(Result result) {
    StringBuilder sb = new StringBuilder("make,").append(String.join(",", WeeklyHealth.COLUMNS.names())).append('\n');
    result.weekly().forEach((make, byVin) -> byVin.values().forEach(rows -> rows.forEach(w -> {
      List<String> cells = new ArrayList<>();
      cells.add(make);
      for (String c : WeeklyHealth.COLUMNS.names()) {
        Object v = WeeklyHealth.COLUMNS.get(w, c);
        cells.add(v == null ? "" : v instanceof com.evalue.transforms.health.Labelled l ? l.label() : v.toString());
      }
      sb.append(String.join(",", cells)).append('\n');
    })));
    return sb.toString();
  }

  /** Writes the weekly rows as {@code processed_results/{make}/{vin}.parquet}, the pipeline's encoding. */
  public static void writeProcessedResults(Warehouse warehouse, Result result) {
    result.weekly().forEach((code, byVin) -> {
      Make make = Make.parse(code);
      byVin.forEach((vin, rows) -> warehouse.write(HealthFiles.processedResults(make, vin),
          HealthFiles.encode("ProcessedResults", WeeklyHealth.COLUMNS, rows)));
    });
  }
}
