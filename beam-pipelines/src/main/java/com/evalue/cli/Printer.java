package com.evalue.cli;

import com.evalue.pipelines.common.PipelineRun;
import com.evalue.pipelines.compaction.CompactionPipeline;
import com.evalue.pipelines.health.BatteryHealthPipeline;
import com.evalue.pipelines.results.WeeklyResults;
import java.util.List;
import java.util.Locale;
import com.evalue.pipelines.ingest.IngestFilesPipeline;
import java.io.PrintWriter;
import picocli.CommandLine.Model.CommandSpec;

/** Human-readable command output: progress on stderr, summaries on stdout. */
final class Printer {
  private Printer() {}

  static PipelineRun.Progress progress(CommandSpec spec) {
    PrintWriter err = spec.commandLine().getErr();
    return line -> {
      err.println("… " + line);
      err.flush();
    };
  }

  static void ingestion(PrintWriter out, IngestFilesPipeline.Report r) {
    out.printf("ingestion %s: files=%d messages_read=%d envelopes_accepted=%d rejected=%d temp_objects=%d%n",
        r.runId(), r.files(), r.get("messagesRead"), r.get("envelopesAccepted"), r.get("rejected"),
        r.get("tempObjectsWritten"));
    out.println("  a BMW push body carries one envelope per vehicle, so envelopes can outnumber messages;");
    out.println("  duplicates are kept in the temp buffer and removed by compaction; rejects are in dlq/ingestion/");
    out.flush();
  }

  static void compaction(PrintWriter out, CompactionPipeline.Report r) {
    if (r.vehicleDays() == 0) {
      out.println("compaction " + r.runId() + ": nothing to compact (no closed days in temp/)");
    } else {
      out.printf("compaction %s: vehicle_days=%d envelopes_read=%d duplicates_removed=%d rows_written=%d"
              + " days_unchanged=%d rejected=%d temp_objects_deleted=%d%n",
          r.runId(), r.vehicleDays(), r.get("envelopesRead"), r.get("duplicatesRemoved"), r.get("rowsWritten"),
          r.get("daysUnchanged"), r.get("malformedLines"), r.tempObjectsDeleted());
    }
    CompactionPipeline.Waiting w = r.waiting();
    if (w.tempObjects() > 0) {
      out.printf("  %d temp objects wait for data dates not closed yet (%s .. %s UTC); dates after today come from"
          + " sources stamping ahead of our clock%n", w.tempObjects(), w.firstDate().orElseThrow(),
          w.lastDate().orElseThrow());
    }
    out.flush();
  }

  static void pipeline(PrintWriter out, BatteryHealthPipeline.Report r) {
    out.printf("pipeline %s %s: days_parsed=%d vins_processed=%d vins_left_dirty=%d weeks_written=%d"
            + " rows_changed=%d rows_deleted=%d raw_tss_dead_letters=%d vin_not_in_db=%d%n",
        r.make().code(), r.runId(), r.daysParsed(), r.vinsProcessed(), r.vinsLeftDirty(),
        r.get("vehicle_data.weeks_written"), r.get("vehicle_data.rows_changed"), r.get("vehicle_data.rows_deleted"),
        r.get("raw_tss.dead_letters"), r.get("pipeline.vin_not_in_db"));
    out.flush();
  }

  static void fleetReport(PrintWriter out, List<WeeklyResults.MakeSummary> makes,
      List<WeeklyResults.VehicleSoh> lowest) {
    out.println("Fleet State of Health (latest week per vehicle; estimated SoH, OEM SoH where the make has no estimator):");
    out.printf("  %-14s %8s %7s %11s  %s%n", "make", "vehicles", "weeks", "median SoH", "source");
    for (WeeklyResults.MakeSummary m : makes) {
      out.printf("  %-14s %8d %7d %11s  %s%n", m.make(), m.vehicles(), m.weeks(), pct(m.medianSoh()), m.source());
    }
    out.println("Five lowest-SoH vehicles:");
    for (WeeklyResults.VehicleSoh v : lowest) {
      out.printf("  %s  %-14s %-16s %6s  (%s, week of %s)%n", v.vin(), v.make(), v.model() == null ? "-" : v.model(),
          pct(v.soh()), v.source(), v.week());
    }
    out.flush();
  }

  private static String pct(Double soh) {
    return soh == null ? "-" : String.format(Locale.ROOT, "%.1f %%", soh * 100);
  }
}
