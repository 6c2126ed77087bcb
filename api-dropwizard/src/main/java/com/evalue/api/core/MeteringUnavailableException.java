package com.evalue.api.core;

/** Redis could not be reached, or answered slower than {@code redis.timeout_ms} (api.md §4.3.6). */
public class MeteringUnavailableException extends RuntimeException {
  public MeteringUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
