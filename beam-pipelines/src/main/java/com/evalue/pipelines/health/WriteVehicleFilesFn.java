package com.evalue.pipelines.health;

import com.evalue.io.storage.Warehouse;
import java.util.List;
import java.util.function.Function;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.SerializableBiFunction;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.values.KV;

/** Writes one per-VIN dataset file, whole, from the VIN's complete result (spec: storage.md §5). */
final class WriteVehicleFilesFn<T> extends DoFn<KV<String, List<T>>, Void> {
  private final Warehouse warehouse;
  private final String dataset;
  private final SerializableFunction<String, String> pathOfVin;
  private final SerializableFunction<List<T>, byte[]> encode;

  WriteVehicleFilesFn(Warehouse warehouse, String dataset, SerializableFunction<String, String> pathOfVin,
      SerializableFunction<List<T>, byte[]> encode) {
    this.warehouse = warehouse;
    this.dataset = dataset;
    this.pathOfVin = pathOfVin;
    this.encode = encode;
  }

  @ProcessElement
  public void process(@Element KV<String, List<T>> result) {
    warehouse.write(pathOfVin.apply(result.getKey()), encode.apply(result.getValue()));
    Metrics.counter(BatteryHealthPipeline.class, dataset + ".files_written").inc();
    Metrics.counter(BatteryHealthPipeline.class, dataset + ".rows_written").inc(result.getValue().size());
  }
}
