package com.evalue.ingestion;

/** One polled source. {@link #pollOnce()} runs one scheduling round: every request that is due, then returns. */
public interface Poller extends AutoCloseable {
  /** Sends the requests that are due by the poller's clock and stores what they return. Returns requests sent. */
  int pollOnce();

  /** True while the poller has a working session with the OEM (health). */
  default boolean consuming() {
    return true;
  }

  @Override
  default void close() {}
}
