package com.evalue.simulate.fleet;

import java.util.List;

/**
 * A fleet region and its climate: the outside temperature is {@code meanC + seasonalAmplitudeC·season +
 * dailySwingC·daytime + weather} (see {@link com.evalue.simulate.physics.Climate}).
 */
public record Region(String name, double meanC, double seasonalAmplitudeC, double dailySwingC) {
  public static final List<Region> ALL =
      List.of(
          new Region("France", 12.5, 8.0, 5.0),
          new Region("Germany", 10.5, 8.5, 4.5),
          new Region("Netherlands", 11.0, 7.0, 4.0),
          new Region("Spain", 16.0, 8.0, 5.5));
}
