package com.evalue.simulate.fleet;

import com.evalue.simulate.random.Rng;
import com.evalue.transforms.model.Make;
import com.evalue.transforms.model.Vin;
import java.util.Set;
import java.util.TreeSet;

/**
 * Realistic, unique VINs (spec: README.md glossary): WMI + VDS + ISO 3779 check digit + model year + plant + serial,
 * only from A–Z and 0–9 without I, O, Q. Stellantis VINs never have {@code X} as 8th character (sources.md §5.4);
 * the only such VINs are deliberate defects.
 */
public final class VinFactory {
  static final String ALPHABET = "ABCDEFGHJKLMNPRSTUVWXYZ0123456789";
  private static final String YEAR_CODES = "ABCDEFGHJKLMNPRSTVWXY123456789"; // 2010 … 2039
  private static final int[] WEIGHTS = {8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2};

  private final Set<String> issued = new TreeSet<>();

  public String next(VehicleModel model, int modelYear, Rng rng) {
    while (true) {
      String vin = candidate(model, modelYear, rng);
      if (!Vin.isValid(vin)) {
        throw new IllegalStateException("generated an invalid VIN " + vin);
      }
      if (issued.add(vin)) {
        return vin;
      }
    }
  }

  private static String candidate(VehicleModel model, int modelYear, Rng rng) {
    String wmi = rng.pick(model.wmis());
    StringBuilder sb = new StringBuilder(17).append(wmi);
    if (model.vdsPrefix() != null) {
      sb.append(model.vdsPrefix());
    } else {
      for (int i = 0; i < 5; i++) {
        char c;
        do {
          c = ALPHABET.charAt(rng.nextInt(ALPHABET.length()));
        } while (i == 4 && c == 'X' && model.make() == Make.STELLANTIS); // spec: sources.md §5.4
        sb.append(c);
      }
    }
    sb.append('0'); // check digit, computed below
    sb.append(YEAR_CODES.charAt(Math.floorMod(modelYear - 2010, YEAR_CODES.length())));
    sb.append(plant(wmi, rng));
    for (int i = 0; i < 6; i++) {
      sb.append((char) ('0' + rng.nextInt(10)));
    }
    sb.setCharAt(8, checkDigit(sb));
    return sb.toString();
  }

  private static char plant(String wmi, Rng rng) {
    return switch (wmi) {
      case "5YJ" -> 'F';
      case "LRW" -> 'C';
      case "XP7" -> 'B';
      default -> ALPHABET.charAt(rng.nextInt(23)); // a letter
    };
  }

  /** ISO 3779 / North-American check digit; EValue never validates it, but real VINs carry one. */
  static char checkDigit(CharSequence vin) {
    int sum = 0;
    for (int i = 0; i < 17; i++) {
      sum += transliterate(vin.charAt(i)) * WEIGHTS[i];
    }
    int r = sum % 11;
    return r == 10 ? 'X' : (char) ('0' + r);
  }

  private static int transliterate(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    return switch (c) {
      case 'A', 'J' -> 1;
      case 'B', 'K', 'S' -> 2;
      case 'C', 'L', 'T' -> 3;
      case 'D', 'M', 'U' -> 4;
      case 'E', 'N', 'V' -> 5;
      case 'F', 'W' -> 6;
      case 'G', 'P', 'X' -> 7;
      case 'H', 'Y' -> 8;
      case 'R', 'Z' -> 9;
      default -> 0;
    };
  }
}
