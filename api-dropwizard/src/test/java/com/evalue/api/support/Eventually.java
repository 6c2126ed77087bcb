package com.evalue.api.support;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Waiting for what another thread does asynchronously (a notification reaching the listener, a cache entry expiring).
 * The deadline is generous and only bounds a failing test; no test asserts how long anything took.
 */
public final class Eventually {
  public static final Duration DEADLINE = Duration.ofSeconds(30);

  private Eventually() {}

  /** Polls {@code actual} until it equals {@code expected}; fails with the last value after {@link #DEADLINE}. */
  public static <T> void assertBecomes(T expected, Supplier<T> actual, String what) {
    long deadline = System.nanoTime() + DEADLINE.toNanos();
    T last = actual.get();
    while (!Objects.equals(expected, last)) {
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError(what + ": expected " + expected + " but was still " + last);
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(what + ": interrupted", e);
      }
      last = actual.get();
    }
  }
}
