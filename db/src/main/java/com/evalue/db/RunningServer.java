package com.evalue.db;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A PostgreSQL server that another process already runs on a data directory, as told by its {@code postmaster.pid}
 * (line 1: postmaster PID, line 4: port) and confirmed by the PID being alive.
 */
record RunningServer(long pid, int port) {

  static Optional<RunningServer> on(Path dataDirectory) {
    Path pidFile = dataDirectory.resolve("postmaster.pid");
    if (!Files.isRegularFile(pidFile)) {
      return Optional.empty();
    }
    try {
      List<String> lines = Files.readAllLines(pidFile);
      if (lines.size() < 4) {
        return Optional.empty(); // the postmaster is still writing the file
      }
      long pid = Long.parseLong(lines.get(0).trim());
      int port = Integer.parseInt(lines.get(3).trim());
      boolean alive = ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
      return alive ? Optional.of(new RunningServer(pid, port)) : Optional.empty();
    } catch (IOException | NumberFormatException e) {
      return Optional.empty(); // unreadable or stale: PostgreSQL itself decides when starting
    }
  }
}
