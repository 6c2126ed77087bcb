package com.evalue.io.testing;

import com.adobe.testing.s3mock.S3MockApplication;
import com.evalue.io.storage.Storage;
import com.evalue.io.storage.StorageOptions;
import com.evalue.io.storage.Warehouse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.options.PipelineOptionsFactory;

/**
 * A real S3-compatible server (Adobe S3Mock) inside the test JVM on a random loopback port, reached through
 * Beam's aws2 {@code s3://} file system exactly as production reaches S3. One server per JVM, started lazily.
 */
public final class InProcessS3 {
  public static final String BUCKET = "evalue-test";
  private static S3MockApplication server;

  private InProcessS3() {}

  public static synchronized int port() {
    if (server == null) {
      try {
        Path root = Files.createTempDirectory("s3mock");
        // start() adds its defaults to the map, so it must be mutable.
        server = S3MockApplication.start(new java.util.HashMap<>(Map.of(
            S3MockApplication.PROP_HTTP_PORT, S3MockApplication.RANDOM_PORT,
            S3MockApplication.PROP_HTTPS_PORT, S3MockApplication.RANDOM_PORT,
            S3MockApplication.PROP_INITIAL_BUCKETS, BUCKET,
            S3MockApplication.PROP_ROOT_DIRECTORY, root.toString(),
            S3MockApplication.PROP_SILENT, true,
            "spring.main.banner-mode", "off",
            "logging.level.root", "WARN")));
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
      Runtime.getRuntime().addShutdownHook(new Thread(() -> server.stop()));
    }
    return server.getHttpPort();
  }

  /** Command-line style arguments that point the storage options at the in-process server. */
  public static List<String> args(String prefix) {
    return List.of(
        "--warehouse=s3://" + BUCKET + "/" + prefix,
        "--awsRegion=us-east-1",
        "--endpoint=http://127.0.0.1:" + port(),
        "--s3PathStyle=true",
        "--awsCredentialsProvider={\"@type\":\"StaticCredentialsProvider\",\"accessKeyId\":\"test\","
            + "\"secretAccessKey\":\"test\"}");
  }

  /** Storage options for the in-process server, registered with Beam's file systems. */
  public static StorageOptions options(String prefix) {
    StorageOptions o = PipelineOptionsFactory.fromArgs(args(prefix).toArray(String[]::new))
        .as(StorageOptions.class);
    Storage.configure(o);
    return o;
  }

  public static Warehouse warehouse(String prefix) {
    return Storage.configure(options(prefix));
  }
}
