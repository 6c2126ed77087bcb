package com.evalue.pipelines.health;

import com.evalue.io.archive.ArchivePaths;
import com.evalue.io.deadletter.DeadLetter;
import com.evalue.io.jdbc.FleetInfoQuery;
import com.evalue.io.jdbc.FleetInfoRow;
import com.evalue.io.jdbc.TemperatureFitStore;
import com.evalue.io.pipeline.HealthFiles;
import com.evalue.io.pipeline.ParseProgress;
import com.evalue.io.pipeline.PipelineState;
import com.evalue.io.pipeline.PipelineState.Dirty;
import com.evalue.io.pipeline.PipelineState.Reason;
import com.evalue.io.storage.StorageOptions;
import com.evalue.io.storage.Warehouse;
import com.evalue.pipelines.common.Counters;
import com.evalue.pipelines.common.PipelineRun;
import com.evalue.pipelines.common.RunSummary;
import com.evalue.pipelines.common.WriteDeadLetters;
import com.evalue.transforms.health.FleetInfo;
import com.evalue.transforms.health.beam.HealthCoders;
import com.evalue.transforms.health.beam.PhaseResultCoder;
import com.evalue.transforms.health.beam.ProcessVehicleHistory;
import com.evalue.transforms.health.config.AnalyticsConfig;
import com.evalue.transforms.health.estimate.PhaseResult;
import com.evalue.transforms.health.segment.Phase;
import com.evalue.transforms.health.temperature.TemperatureFit;
import com.evalue.transforms.health.temperature.TemperatureFits;
import com.evalue.transforms.model.Make;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Reshuffle;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PCollectionView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The battery-health pipeline of one make (spec: pipeline.md): raw_tss → fleet_info → processed_tss →
 * raw_results → Renault temperature fit → processed_results → PostgreSQL {@code vehicle_data}.
 *
 * <p>The driver does the bookkeeping of storage.md §4–§6 around two Beam pipelines: it selects the compressed days
 * to parse, runs the raw_tss pipeline, commits month files → dirty set → progress marker in that order, marks VINs
 * dirty for fleet_info and configuration changes, runs the health pipeline for the dirty VINs (one writer per
 * file, outputs replaced whole), refits the Renault temperature effect and reruns the VINs of models whose fit
 * changed, and only then clears the processed VINs from the dirty set. A crash at any point leaves work to
 * repeat, never rows missing or doubled.
 */
public final class BatteryHealthPipeline {
  private static final Logger LOG = LoggerFactory.getLogger(BatteryHealthPipeline.class);

  private BatteryHealthPipeline() {}

  /** What to run (spec: pipeline.md §7.1). */
  public record Request(Make make, boolean rescan, Optional<LocalDate> reparseFrom, boolean allVins,
      List<String> vins) {}

  /** What a run did. */
  public record Report(String runId, Make make, int daysParsed, int vinsProcessed, int vinsLeftDirty,
      Map<String, Long> counters, Map<String, List<String>> fleetWarnings) {
    public long get(String counter) {
      return Counters.get(counters, counter);
    }
  }

  public static Report run(StorageOptions options, Warehouse warehouse, JdbcSettings jdbc, DataSource dataSource,
      Request request, AnalyticsConfig config, Clock clock, PipelineRun.Progress progress) {
    Make make = request.make();
    Instant startedAt = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    String runId = ArchivePaths.runId(startedAt);
    LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    Map<String, Long> counters = new TreeMap<>();

    // §1 raw_tss: select, parse, then commit month files → dirty set → progress marker (storage.md §4.5).
    ParseProgress parsed = ParseProgress.read(warehouse, make);
    RawTssSelection.Selection selection = RawTssSelection.select(warehouse, make, parsed, request.rescan(),
        request.reparseFrom(), today);
    progress.line("pipeline " + make.code() + " " + runId + ": " + selection.days().size()
        + " compressed vehicle-days to parse");
    Map<String, Dirty> dirty = PipelineState.readDirty(warehouse, make);
    if (!selection.days().isEmpty()) {
      counters.putAll(parseRawTss(options, warehouse, make, config, selection.days(), startedAt, runId, progress));
      Set<String> newData = selection.days().stream().map(DayToParse::vin).collect(Collectors.toCollection(TreeSet::new));
      dirty = PipelineState.mark(dirty, newData, Reason.NEW_DATA, startedAt);
      PipelineState.writeDirty(warehouse, make, dirty);
    }
    List<ParseProgress.Day> days = selection.days().stream()
        .map(d -> new ParseProgress.Day(d.vin(), d.date(), d.contentDigest(), startedAt)).toList();
    parsed.with(days, selection.changeLogs()).write(warehouse, make);

    // §2 fleet_info and the other reasons a VIN becomes dirty (storage.md §6.2).
    FleetInfoQuery.Result fleet = FleetInfoQuery.read(dataSource, make.code());
    fleet.warnings().forEach((name, vins) -> {
      if (!vins.isEmpty()) {
        LOG.warn("event=fleet_info_warning make={} counter={} count={} examples={}", make.code(), name, vins.size(),
            vins.subList(0, Math.min(20, vins.size())));
      }
      counters.put(name, (long) vins.size());
    });
    Set<String> withData = vinsWithData(warehouse, make);
    Map<String, String> oldFingerprints = PipelineState.readFleetFingerprints(warehouse, make);
    Map<String, String> newFingerprints = new TreeMap<>();
    fleet.byVin().forEach((vin, row) -> newFingerprints.put(vin, row.fingerprint()));
    List<String> fleetChanged = withData.stream()
        .filter(vin -> !java.util.Objects.equals(oldFingerprints.get(vin), newFingerprints.get(vin))).toList();
    dirty = PipelineState.mark(dirty, fleetChanged, Reason.FLEET_INFO_CHANGED, startedAt);
    if (!PipelineState.readConfigFingerprint(warehouse, make).map(config.fingerprint()::equals).orElse(false)) {
      dirty = PipelineState.mark(dirty, withData, Reason.CONFIG_CHANGED, startedAt);
    }
    if (request.allVins()) {
      dirty = PipelineState.mark(dirty, withData, Reason.MANUAL, startedAt);
    }
    if (!request.vins().isEmpty()) {
      dirty = PipelineState.mark(dirty, request.vins(), Reason.MANUAL, startedAt);
    }
    PipelineState.writeDirty(warehouse, make, dirty);

    // §3–§5 for the dirty VINs (with --vins: only those; the others stay dirty).
    List<String> toProcess = dirty.keySet().stream().filter(withData::contains)
        .filter(vin -> request.vins().isEmpty() || request.vins().contains(vin)).toList();
    Map<String, FleetInfo> info = new TreeMap<>();
    Map<String, UUID> vehicleIds = new TreeMap<>();
    fleet.byVin().forEach((vin, row) -> {
      info.put(vin, row.toFleetInfo());
      vehicleIds.put(vin, row.vehicleId());
    });
    counters.put("pipeline.vins_processed", 0L);
    Set<String> processed = new TreeSet<>();
    if (!toProcess.isEmpty()) {
      merge(counters, processVehicles(options, warehouse, jdbc, make, config, toProcess, info, vehicleIds, runId,
          progress));
      processed.addAll(toProcess);
    }

    // §4.3 Renault temperature fit over all raw_results files; models whose fit changed rerun their other VINs.
    if (make == Make.RENAULT && !processed.isEmpty()) {
      List<PhaseResult> all = readRawResults(warehouse, make, Set.of());
      Map<String, TemperatureFit> fits = TemperatureFits.fitAll(all, config);
      Map<String, TemperatureFit> previous = TemperatureFitStore.read(dataSource, make.code());
      List<String> changedModels = TemperatureFits.changedModels(previous, fits, config);
      TemperatureFitStore.replace(dataSource, make.code(), fits, startedAt);
      List<String> rerun = withData.stream().filter(vin -> !processed.contains(vin))
          .filter(vin -> info.containsKey(vin) && changedModels.contains(info.get(vin).model())).toList();
      counters.put("temperature_fit.models_changed", (long) changedModels.size());
      if (!rerun.isEmpty()) {
        dirty = PipelineState.mark(dirty, rerun, Reason.TEMPERATURE_FIT_CHANGED, startedAt);
        PipelineState.writeDirty(warehouse, make, dirty);
        // Recomputing from processed_tss gives the same points and phases (a pure function), so the
        // temperature_fit_changed VINs reuse the one per-VIN path.
        merge(counters, processVehicles(options, warehouse, jdbc, make, config, rerun, info, vehicleIds, runId,
            progress));
        processed.addAll(rerun);
      }
    }

    // A VIN leaves the dirty set only now that its files and rows are written (storage.md §6.1).
    Map<String, Dirty> left = new TreeMap<>(dirty);
    processed.forEach(left::remove);
    PipelineState.writeDirty(warehouse, make, left);
    PipelineState.writeFleetFingerprints(warehouse, make, newFingerprints);
    PipelineState.writeConfigFingerprint(warehouse, make, config.fingerprint());
    counters.put("pipeline.vins_processed", (long) processed.size());

    Map<String, Object> details = new LinkedHashMap<>();
    details.put("days_parsed", selection.days().size());
    details.put("change_logs_consumed", selection.changeLogs());
    details.put("vins_processed", processed.size());
    details.put("vins_left_dirty", left.size());
    details.put("config_fingerprint", config.fingerprint());
    RunSummary.write(warehouse, "pipeline", make.code(), startedAt, clock.instant(), counters, details);
    return new Report(runId, make, selection.days().size(), processed.size(), left.size(), counters,
        fleet.warnings());
  }

  private static Map<String, Long> parseRawTss(StorageOptions options, Warehouse warehouse, Make make,
      AnalyticsConfig config, List<DayToParse> days, Instant startedAt, String runId, PipelineRun.Progress progress) {
    Map<String, List<DayToParse>> byMonth = new TreeMap<>();
    for (DayToParse d : days) {
      byMonth.computeIfAbsent(d.vin() + "|" + YearMonth.from(d.date()), k -> new ArrayList<>()).add(d);
    }
    List<ParseMonthTask> tasks = new ArrayList<>();
    byMonth.forEach((k, list) -> tasks.add(new ParseMonthTask(list.get(0).vin(), YearMonth.from(list.get(0).date()),
        list)));
    Pipeline p = Pipeline.create(options);
    p.apply("SelectedVehicleMonths", Create.of(tasks).withCoder(SerializableCoder.of(ParseMonthTask.class)))
        .apply("SpreadVehicleMonths", Reshuffle.viaRandomKey())
        .apply("ParseRawTss", ParDo.of(new ParseMonthFn(warehouse, make, config, startedAt)))
        .setCoder(DeadLetter.DeadLetterCoder.of())
        .apply("WriteDeadLetters", new WriteDeadLetters(warehouse, "raw_tss", runId));
    return PipelineRun.runAndWait(p, "raw_tss " + make.code(), progress,
        c -> Counters.format(c, "raw_tss.days_parsed", "raw_tss.rows_parsed", "raw_tss.dead_letters"));
  }

  private static Map<String, Long> processVehicles(StorageOptions options, Warehouse warehouse, JdbcSettings jdbc,
      Make make, AnalyticsConfig config, List<String> vins, Map<String, FleetInfo> info, Map<String, UUID> vehicleIds,
      String runId, PipelineRun.Progress progress) {
    Pipeline p = Pipeline.create(options);
    List<KV<String, FleetInfo>> fleetRows = new ArrayList<>();
    info.forEach((vin, fi) -> fleetRows.add(KV.of(vin, fi)));
    PCollectionView<Map<String, FleetInfo>> fleetView = p
        .apply("FleetInfo", Create.of(fleetRows).withCoder(HealthCoders.fleetInfo()))
        .apply("FleetInfoByVin", View.asMap());
    ProcessVehicleHistory health = ProcessVehicleHistory.of(make, config, fleetView);
    if (make == Make.RENAULT) {
      health = health.withOtherRenaultResults(p.apply("StoredRenaultResults",
          Create.of(readRawResults(warehouse, make, Set.copyOf(vins))).withCoder(PhaseResultCoder.of())));
    }
    PCollectionTuple out = p
        .apply("DirtyVins", Create.of(vins).withCoder(StringUtf8Coder.of()))
        .apply("SpreadVins", Reshuffle.viaRandomKey())
        .apply("ReadRawTssHistory", ParDo.of(new ReadHistoryFn(warehouse, make)))
        .setCoder(HealthCoders.rawTssHistory())
        .apply("ProcessVehicleHistory", health);
    out.get(ProcessVehicleHistory.POINTS).apply("WritePoints", ParDo.of(new WriteVehicleFilesFn<>(warehouse,
        "processed_tss.points", vin -> HealthFiles.points(make, vin), rows -> HealthFiles.encodePoints(make, rows))));
    out.get(ProcessVehicleHistory.PHASES).apply("WritePhases", ParDo.of(new WriteVehicleFilesFn<>(warehouse,
        "processed_tss.phases", vin -> HealthFiles.phases(make, vin),
        rows -> HealthFiles.encode("Phase", Phase.COLUMNS, rows))));
    out.get(ProcessVehicleHistory.RAW_RESULTS).apply("WriteRawResults", ParDo.of(new WriteVehicleFilesFn<>(
        warehouse, "raw_results", vin -> HealthFiles.rawResults(make, vin),
        rows -> HealthFiles.encode("RawResult", PhaseResult.COLUMNS, rows))));
    PCollection<String> done = out.get(ProcessVehicleHistory.WEEKLY)
        .apply("WriteProcessedResultsAndVehicleData",
            ParDo.of(new WriteWeeklyFn(warehouse, make, jdbc, new TreeMap<>(vehicleIds))));
    done.setCoder(StringUtf8Coder.of());
    return PipelineRun.runAndWait(p, "health " + make.code(), progress,
        c -> Counters.format(c, "processed_results.files_written", "vehicle_data.weeks_written"));
  }

  /** Stored raw_results rows of every VIN of the make except {@code skip}. */
  static List<PhaseResult> readRawResults(Warehouse warehouse, Make make, Set<String> skip) {
    List<PhaseResult> out = new ArrayList<>();
    for (String path : warehouse.list(HealthFiles.rawResultsGlob(make))) {
      if (!skip.contains(HealthFiles.vinOf(path))) {
        out.addAll(HealthFiles.decode(PhaseResult.COLUMNS, warehouse.read(path)));
      }
    }
    return out;
  }

  /** VINs that have raw_tss month files. */
  static Set<String> vinsWithData(Warehouse warehouse, Make make) {
    Set<String> vins = new TreeSet<>();
    for (String path : warehouse.list("raw_tss/" + make.code() + "/*/*/*.parquet")) {
      vins.add(HealthFiles.vinOf(path));
    }
    return vins;
  }

  private static void merge(Map<String, Long> into, Map<String, Long> from) {
    from.forEach((k, v) -> into.merge(k, v, Long::sum));
  }
}
