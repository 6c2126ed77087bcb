package com.evalue.transforms.health.segment;

import com.evalue.transforms.health.PhaseStatus;
import com.evalue.transforms.health.config.AnalyticsConfig;
import com.evalue.transforms.model.Timestamps;
import java.util.ArrayList;
import java.util.List;

/** The phase table of spec pipeline.md §3.3, built from the segmented points. */
public final class PhaseTable {
  private static final double MICROS_PER_MINUTE = 60_000_000d;

  private PhaseTable() {}

  /**
   * Groups the points by phase index, applies the extension rule with the next phase's un-extended values, computes
   * soc_diff and duration, drops soc_diff = 0 and sets is_usable.
   *
   * @param soc SoC of each segmented point (the non-null-SoC points, as given to {@link Segmentation})
   * @param micros their timestamps
   */
  public static List<Phase> build(String vin, double[] soc, long[] micros, SegmentationTrace trace,
      AnalyticsConfig config) {
    List<Group> groups = new ArrayList<>();
    for (int i = 0; i < trace.size(); i++) {
      Integer index = trace.phaseIndex()[i];
      if (index == null) {
        continue;
      }
      Group g = groups.isEmpty() ? null : groups.get(groups.size() - 1);
      if (g == null || g.index != index) {
        g = new Group(index, trace.status()[i], micros[i], soc[i]);
        groups.add(g);
      }
      // Points are in timestamp order, so the latest point of the group is the last one seen.
      g.endMicros = micros[i];
      g.socLast = soc[i];
      g.points++;
    }
    List<Phase> out = new ArrayList<>();
    for (int k = 0; k < groups.size(); k++) {
      Group g = groups.get(k);
      long end = g.endMicros;
      double socLast = g.socLast;
      if (k + 1 < groups.size()) {
        Group next = groups.get(k + 1); // un-extended values of the next phase
        boolean extend = g.status == PhaseStatus.CHARGING ? g.socLast < next.socFirst : g.socLast > next.socFirst;
        if (extend) {
          end = next.beginMicros;
          socLast = next.socFirst;
        }
      }
      double socDiff = socLast - g.socFirst;
      if (socDiff == 0) {
        continue; // §3.3 step 3
      }
      double duration = (end - g.beginMicros) / MICROS_PER_MINUTE;
      boolean usable = g.points >= config.usableMinPoints() && duration <= config.usableMaxMinutes();
      out.add(new Phase(vin, g.index, Timestamps.fromEpochMicros(g.beginMicros), Timestamps.fromEpochMicros(end),
          g.status, g.socFirst, socLast, socDiff, g.points, duration, usable));
    }
    return out;
  }

  private static final class Group {
    final int index;
    final PhaseStatus status;
    final long beginMicros;
    final double socFirst;
    long endMicros;
    double socLast;
    int points;

    Group(int index, PhaseStatus status, long beginMicros, double socFirst) {
      this.index = index;
      this.status = status;
      this.beginMicros = beginMicros;
      this.socFirst = socFirst;
    }
  }
}
