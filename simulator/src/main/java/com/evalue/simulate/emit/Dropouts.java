package com.evalue.simulate.emit;

import com.evalue.simulate.random.Rng;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Periods in which a vehicle's data is lost: hours with no data (connectivity) and, now and then, a vehicle that is
 * offline for a day or two. Every source of the vehicle is silent during a dropout.
 */
public final class Dropouts {
  private record Window(Instant from, Instant to) {}

  private static final Dropouts NONE = new Dropouts(List.of());

  private final List<Window> windows;

  private Dropouts(List<Window> windows) {
    this.windows = windows;
  }

  public static Dropouts none() {
    return NONE;
  }

  /** About 1.5 % of hours lost in 1–3 h gaps, and on average one 1–2 day outage per vehicle per 45 days. */
  public static Dropouts draw(Rng rng, LocalDate firstDay, int days) {
    List<Window> w = new ArrayList<>();
    Instant start = firstDay.atStartOfDay(ZoneOffset.UTC).toInstant();
    for (int d = 0; d < days; d++) {
      if (rng.chance(0.12)) {
        Instant from = start.plusSeconds(d * 86_400L + Math.round(rng.uniform(0, 86_400)));
        w.add(new Window(from, from.plusSeconds(Math.round(rng.uniform(3_600, 3 * 3_600)))));
      }
    }
    if (rng.chance(Math.min(1.0, days / 45.0))) {
      Instant from = start.plusSeconds(Math.round(rng.uniform(0, days * 86_400.0)));
      w.add(new Window(from, from.plusSeconds(Math.round(rng.uniform(86_400, 2 * 86_400)))));
    }
    w.sort(Comparator.comparing(Window::from));
    return new Dropouts(List.copyOf(w));
  }

  public boolean contains(Instant t) {
    for (Window w : windows) {
      if (!t.isBefore(w.from()) && t.isBefore(w.to())) {
        return true;
      }
    }
    return false;
  }
}
