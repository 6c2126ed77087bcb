package com.evalue.simulate.emit;

/**
 * When a source reports.
 *
 * @param activeSeconds period while driving or charging
 * @param awakeAfterStopSeconds after driving or charging stops, keep reporting at the active period this long
 *     (a Tesla stays awake a few minutes before sleeping); 0 for polled sources
 * @param parkedMinSeconds lower bound of the gap between reports while parked
 * @param parkedMaxSeconds upper bound of that gap
 * @param jitterMillis random delay added to every report time
 * @param wholeSeconds round report times up to whole seconds (sources without sub-second timestamps)
 */
public record Cadence(
    int activeSeconds,
    int awakeAfterStopSeconds,
    int parkedMinSeconds,
    int parkedMaxSeconds,
    int jitterMillis,
    boolean wholeSeconds) {}
