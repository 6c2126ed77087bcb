package com.evalue.cli;

import com.evalue.transforms.model.Make;
import java.util.Arrays;
import java.util.List;

/** Parses a {@code --make} value: a make code or {@code all}. */
final class Makes {
  private Makes() {}

  static List<Make> parse(String value) {
    if (value == null || value.equalsIgnoreCase("all")) {
      return Arrays.asList(Make.values());
    }
    return List.of(Make.fromCode(value).orElseThrow(() -> new EValueCli.UsageError(
        "unknown make '" + value + "'; expected one of " + Make.codes() + ", or all")));
  }

  static Make parseOne(String value) {
    return Make.fromCode(value).orElseThrow(() -> new EValueCli.UsageError(
        "unknown make '" + value + "'; expected one of " + Make.codes()));
  }
}
