package com.evalue.cli;

import com.evalue.io.storage.Storage;
import com.evalue.io.storage.StorageOptions;
import com.evalue.io.storage.Warehouse;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import picocli.CommandLine.Option;

/** Warehouse and runner options shared by the pipeline commands; they become Beam pipeline options. */
public final class StorageArgs {
  @Option(names = "--warehouse", paramLabel = "ROOT", defaultValue = "${env:EVALUE_WAREHOUSE:-./data/warehouse}",
      description = "Warehouse root: a local directory or s3://bucket/prefix (default: ${DEFAULT-VALUE}).")
  String warehouse;

  @Option(names = "--s3-endpoint", paramLabel = "URL", defaultValue = "${env:EVALUE_S3_ENDPOINT}",
      description = "S3-compatible endpoint; https, or http on localhost only.")
  String s3Endpoint;

  @Option(names = "--s3-region", paramLabel = "REGION", defaultValue = "${env:EVALUE_S3_REGION:-us-east-1}",
      description = "S3 region (default: ${DEFAULT-VALUE}).")
  String s3Region;

  @Option(names = "--s3-path-style", description = "Path-style S3 addressing (most S3-compatible stores).")
  boolean s3PathStyle;

  @Option(names = "--s3-access-key", paramLabel = "KEY", defaultValue = "${env:AWS_ACCESS_KEY_ID}",
      description = "S3 access key (default: $AWS_ACCESS_KEY_ID, else the AWS default chain).")
  String s3AccessKey;

  @Option(names = "--s3-secret-key", paramLabel = "SECRET", defaultValue = "${env:AWS_SECRET_ACCESS_KEY}",
      description = "S3 secret key (default: $AWS_SECRET_ACCESS_KEY).")
  String s3SecretKey;

  @Option(names = "--runner", paramLabel = "RUNNER", defaultValue = "DirectRunner",
      description = "Beam runner: DirectRunner (default) or SparkRunner.")
  String runner;

  @Option(names = "--spark-master", paramLabel = "MASTER", defaultValue = "local[2]",
      description = "Spark master for --runner SparkRunner (default: ${DEFAULT-VALUE}).")
  String sparkMaster;

  @Option(names = "--beam-option", paramLabel = "NAME=VALUE",
      description = "Any other Beam pipeline option, repeatable, e.g. --beam-option targetParallelism=4.")
  List<String> beamOptions = new ArrayList<>();

  /** Adds {@code --name=value} to the Beam options unless {@code --beam-option} already sets {@code name}. */
  void defaultBeamOption(String name, String value) {
    for (String o : beamOptions) {
      String given = o.startsWith("--") ? o.substring(2) : o;
      if (given.equals(name) || given.startsWith(name + "=")) {
        return;
      }
    }
    beamOptions.add(name + "=" + value);
  }

  /** The Beam arguments these options stand for. */
  List<String> beamArgs() {
    List<String> args = new ArrayList<>();
    args.add("--warehouse=" + warehouse);
    args.add("--runner=" + runner);
    if (runner.equals("SparkRunner")) {
      args.add("--sparkMaster=" + sparkMaster);
    }
    if (runner.equals("DirectRunner")) {
      // The DirectRunner's immutability/encodability checks are test aids that cost much time at CLI volumes;
      // the test suite keeps them on.
      args.add("--enforceImmutability=false");
      args.add("--enforceEncodability=false");
    }
    if (s3Endpoint != null && !s3Endpoint.isBlank()) {
      args.add("--endpoint=" + s3Endpoint);
    }
    if (warehouse.startsWith("s3://") || s3Endpoint != null) {
      args.add("--awsRegion=" + s3Region);
    }
    if (s3PathStyle) {
      args.add("--s3PathStyle=true");
    }
    if (s3AccessKey != null && !s3AccessKey.isBlank() && s3SecretKey != null) {
      args.add("--awsCredentialsProvider={\"@type\":\"StaticCredentialsProvider\",\"accessKeyId\":\""
          + s3AccessKey + "\",\"secretAccessKey\":\"" + s3SecretKey + "\"}");
    }
    for (String o : beamOptions) {
      args.add(o.startsWith("--") ? o : "--" + o);
    }
    return args;
  }

  /** Parsed, validated options with the file systems registered. */
  StorageOptions options() {
    PipelineOptionsFactory.register(StorageOptions.class);
    return PipelineOptionsFactory.fromArgs(beamArgs().toArray(String[]::new)).withValidation()
        .as(StorageOptions.class);
  }

  /** Validates, registers Beam's file systems and returns the options and the warehouse. */
  Configured configure() {
    StorageOptions o = options();
    return new Configured(o, Storage.configure(o));
  }

  record Configured(StorageOptions options, Warehouse warehouse) {}
}
