package com.evalue.simulate.emit;

import com.evalue.simulate.physics.Segment;
import com.evalue.simulate.physics.VehicleHistory;
import com.evalue.simulate.random.Rng;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The instants at which a source reports a vehicle's state on one day. Every change of activity is reported (trip
 * start and end, plug-in, end of charge), so that SoC and session counters are observed at the same instants as
 * the physics changes them; in between, reports follow the {@link Cadence}. Times depend only on the segment and
 * the seed, never on which day is being generated, so a segment spanning midnight is sampled consistently.
 */
public final class SampleSchedule {
  private final VehicleHistory history;
  private final Cadence cadence;
  private final long seed;
  private final String stream;
  private final Dropouts dropouts;

  public SampleSchedule(VehicleHistory history, Cadence cadence, long seed, String stream, Dropouts dropouts) {
    this.history = history;
    this.cadence = cadence;
    this.seed = seed;
    this.stream = stream;
    this.dropouts = dropouts;
  }

  public List<Instant> forDay(LocalDate day) {
    Instant from = day.atStartOfDay(ZoneOffset.UTC).toInstant();
    Instant to = from.plusSeconds(86_400);
    List<Instant> out = new ArrayList<>();
    for (int i : history.overlapping(from, to)) {
      for (Instant s : segmentSamples(i)) {
        if (!s.isBefore(from) && s.isBefore(to) && !s.isBefore(history.start()) && !dropouts.contains(s)) {
          if (out.isEmpty() || out.get(out.size() - 1).isBefore(s)) {
            out.add(s);
          }
        }
      }
    }
    return out;
  }

  private List<Instant> segmentSamples(int index) {
    Segment seg = history.segments().get(index);
    Rng rng = Rng.derive(seed, stream, index);
    List<Instant> raw = new ArrayList<>();
    if (seg instanceof Segment.Parked) {
      passive(raw, seg.start(), seg.end(), rng);
    } else if (seg instanceof Segment.Charging c) {
      active(raw, c.start(), c.chargeEnd());
      passive(raw, c.chargeEnd(), c.end(), rng);
    } else {
      active(raw, seg.start(), seg.end());
    }
    List<Instant> out = new ArrayList<>(raw.size());
    for (Instant r : raw) {
      // A change of activity is reported when it happens (an event-driven update); only the periodic reports
      // are jittered. Otherwise the first report of a session would already show charged energy whose SoC rise
      // is attributed to the session while the reset counter no longer holds it.
      boolean boundary = r.equals(seg.start())
          || (seg instanceof Segment.Charging c && r.equals(c.chargeEnd()));
      int jitter = boundary ? Math.min(cadence.jitterMillis(), 1000) : cadence.jitterMillis();
      Instant s = r.plusMillis(jitter > 0 ? rng.nextInt(jitter) : 0);
      out.add(cadence.wholeSeconds() ? Formats.ceilToSecond(s) : s);
    }
    return out;
  }

  /** The boundary, then one report per active period, keeping clear of the next boundary. */
  private void active(List<Instant> raw, Instant from, Instant to) {
    raw.add(from);
    long step = cadence.activeSeconds();
    for (long k = step; Segment.seconds(from, to) - k > step / 2.0; k += step) {
      raw.add(from.plusSeconds(k));
    }
  }

  private void passive(List<Instant> raw, Instant from, Instant to, Rng rng) {
    if (!to.isAfter(from)) {
      return;
    }
    raw.add(from);
    double length = Segment.seconds(from, to);
    double k = 0;
    long step = cadence.activeSeconds();
    while (k + step < Math.min(cadence.awakeAfterStopSeconds(), length - step / 2.0)) {
      k += step;
      raw.add(from.plusSeconds((long) k));
    }
    while (true) {
      k += rng.uniform(cadence.parkedMinSeconds(), cadence.parkedMaxSeconds());
      if (k > length - 60) {
        return;
      }
      raw.add(from.plusSeconds((long) k));
    }
  }
}
