package com.evalue.api.core;

/**
 * The outcome of the admission script (api.md §4.3.3) for one metered request.
 *
 * @param admitted whether the request may proceed
 * @param refusal null when admitted, else what was exceeded
 * @param requests today's request count (after this request when admitted)
 * @param distinctVins today's distinct VINs (after this request when admitted)
 * @param resetEpochSecond the next 00:00 UTC, when the counters restart
 * @param retryAfterSeconds whole seconds until then, at least 1
 */
public record Admission(boolean admitted, Refusal refusal, long requests, long distinctVins, long resetEpochSecond,
    long retryAfterSeconds) {

  /** What a refused request exceeded. */
  public enum Refusal { REQUESTS, VINS }
}
