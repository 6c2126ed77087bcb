package com.evalue.pipelines.health;

import com.evalue.io.pipeline.RawTssFiles;
import com.evalue.io.storage.Warehouse;
import com.evalue.transforms.health.rawtss.RawTssRow;
import com.evalue.transforms.model.Make;
import java.util.List;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.KV;

/** A dirty VIN's full raw_tss history, read from its month files (spec: pipeline.md §3.1 step 1). */
final class ReadHistoryFn extends DoFn<String, KV<String, Iterable<RawTssRow>>> {
  private final Warehouse warehouse;
  private final Make make;

  ReadHistoryFn(Warehouse warehouse, Make make) {
    this.warehouse = warehouse;
    this.make = make;
  }

  @ProcessElement
  public void process(@Element String vin, OutputReceiver<KV<String, Iterable<RawTssRow>>> out) {
    List<RawTssRow> rows = RawTssFiles.readVin(warehouse, make, vin);
    out.output(KV.of(vin, rows));
  }
}
