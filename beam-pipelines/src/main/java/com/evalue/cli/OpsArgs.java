package com.evalue.cli;

import picocli.CommandLine.Option;

/** Where a long-running ingestion process serves {@code /health} and {@code /metrics}. */
public final class OpsArgs {
  @Option(names = "--ops-host", paramLabel = "HOST", defaultValue = "${env:EVALUE_OPS_HOST:-0.0.0.0}",
      description = "Address of the /health and /metrics endpoints (default: ${DEFAULT-VALUE}).")
  String host;

  @Option(names = "--ops-port", paramLabel = "PORT", defaultValue = "${env:EVALUE_OPS_PORT:-9464}",
      description = "Port of /health (JSON) and /metrics (Prometheus text) (default: ${DEFAULT-VALUE}).")
  int port;
}
