package com.evalue.io.storage;

import java.net.URI;
import java.util.Locale;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.options.PipelineOptionsFactory;

/** Validates storage options and registers Beam's file systems for the current process. */
public final class Storage {
  static {
    PipelineOptionsFactory.register(StorageOptions.class);
  }

  private Storage() {}

  /**
   * Checks the options (spec: storage.md §1.2 — HTTPS is mandatory except for loopback endpoints), applies the
   * path-style factory, registers the file systems with Beam and returns the warehouse.
   *
   * @throws IllegalArgumentException with a one-line reason on an invalid configuration
   */
  public static Warehouse configure(StorageOptions options) {
    Warehouse warehouse = Warehouse.at(options.getWarehouse());
    URI endpoint = options.getEndpoint();
    if (endpoint != null) {
      String scheme = endpoint.getScheme() == null ? "" : endpoint.getScheme().toLowerCase(Locale.ROOT);
      String host = endpoint.getHost() == null ? "" : endpoint.getHost();
      boolean loopback = host.equals("localhost") || host.equals("127.0.0.1") || host.equals("[::1]");
      if (!scheme.equals("https") && !(scheme.equals("http") && loopback)) {
        throw new IllegalArgumentException(
            "S3 endpoint " + endpoint + " must use https (plain http is allowed only for localhost/127.0.0.1)");
      }
    }
    if (options.getS3PathStyle()) {
      options.setS3ClientFactoryClass(PathStyleS3ClientBuilderFactory.class);
    }
    FileSystems.setDefaultPipelineOptions(options);
    return warehouse;
  }
}
