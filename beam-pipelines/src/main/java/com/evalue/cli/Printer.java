package com.evalue.cli;

import com.evalue.pipelines.common.PipelineRun;
import com.evalue.pipelines.compaction.CompactionPipeline;
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
    out.printf("ingestion %s: files=%d records_read=%d accepted=%d rejected=%d temp_objects=%d%n",
        r.runId(), r.files(), r.get("messagesRead"), r.get("envelopesAccepted"), r.get("rejected"),
        r.get("tempObjectsWritten"));
    out.println("  duplicates are kept in the temp buffer and removed by compaction; rejects are in dlq/ingestion/");
    out.flush();
  }

  static void compaction(PrintWriter out, CompactionPipeline.Report r) {
    if (r.vehicleDays() == 0) {
      out.println("compaction " + r.runId() + ": nothing to compact (no closed days in temp/)");
      out.flush();
      return;
    }
    out.printf("compaction %s: vehicle_days=%d records_read=%d duplicates_removed=%d rows_written=%d"
            + " rejected=%d temp_objects_deleted=%d%n",
        r.runId(), r.vehicleDays(), r.get("envelopesRead"), r.get("duplicatesRemoved"), r.get("rowsWritten"),
        r.get("malformedLines"), r.tempObjectsDeleted());
    out.flush();
  }
}
