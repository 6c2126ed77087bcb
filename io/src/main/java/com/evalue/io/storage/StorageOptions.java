package com.evalue.io.storage;

import org.apache.beam.sdk.io.aws2.options.S3Options;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;

/**
 * Where the warehouse lives (spec: storage.md §1). A local directory or {@code s3://bucket/prefix}; for
 * S3-compatible stores the endpoint ({@code --endpoint}), region ({@code --awsRegion}), credentials
 * ({@code --awsCredentialsProvider}) come from Beam's {@link S3Options}, and path-style addressing from
 * {@link #getS3PathStyle()}.
 */
public interface StorageOptions extends S3Options {
  @Description("Warehouse root: a local directory (default ./data/warehouse) or s3://bucket/prefix")
  @Default.String("./data/warehouse")
  String getWarehouse();

  void setWarehouse(String value);

  @Description("Path-style S3 addressing (http://endpoint/bucket/key), needed by most S3-compatible stores")
  @Default.Boolean(false)
  boolean getS3PathStyle();

  void setS3PathStyle(boolean value);
}
