package com.evalue.api.core;

import com.evalue.api.db.CatalogueDao;
import java.text.Normalizer;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Maps an order's free-text model and type to a {@code vehicle_model} of the make's OEM (activation.md §3.4): a digit
 * group of the given name must be a token of the candidate's name; model names are ranked by token-sort similarity
 * (0–100, best first, ties alphabetical, below 10 = no match); then the type by the same similarity, ties to the latest
 * commissioning date. Renault Zoe types are the first of q210, r240, r90, r110, q90, r135 found in the text.
 */
public final class ModelMatcher {
  static final double MIN_SCORE = 10;
  private static final Pattern DIGITS = Pattern.compile("\\d+");
  private static final List<String> ZOE_TYPES = List.of("q210", "r240", "r90", "r110", "q90", "r135");

  private ModelMatcher() {}

  public static Optional<CatalogueDao.Candidate> match(String oemCode, String model, String type,
      List<CatalogueDao.Candidate> candidates) {
    if (model == null || model.isBlank() || candidates.isEmpty()) {
      return Optional.empty();
    }
    String digits = longestDigitGroup(model);
    List<CatalogueDao.Candidate> eligible = candidates.stream()
        .filter(c -> digits == null || tokens(c.modelName()).contains(digits))
        .toList();
    String givenName = sortedTokens(model);
    Optional<String> bestName = eligible.stream().map(CatalogueDao.Candidate::modelName).distinct()
        .map(name -> new Scored(name, similarity(givenName, sortedTokens(name))))
        .filter(s -> s.score >= MIN_SCORE)
        .min(Comparator.comparingDouble((Scored s) -> -s.score).thenComparing(s -> s.name))
        .map(s -> s.name);
    if (bestName.isEmpty()) {
      return Optional.empty();
    }
    List<CatalogueDao.Candidate> sameName = eligible.stream()
        .filter(c -> c.modelName().equals(bestName.get())).toList();
    Comparator<CatalogueDao.Candidate> latestFirst = Comparator.comparing(CatalogueDao.Candidate::commissioningDate,
        Comparator.nullsLast(Comparator.<LocalDate>reverseOrder()));
    if ("renault".equals(oemCode) && bestName.get().startsWith("zo")) {
      Optional<String> zoeType = zoeType((type == null ? "" : type) + " " + model);
      if (zoeType.isPresent()) {
        Optional<CatalogueDao.Candidate> byToken = sameName.stream()
            .filter(c -> c.type() != null && tokens(c.type()).contains(zoeType.get()))
            .min(latestFirst.thenComparing(CatalogueDao.Candidate::id));
        if (byToken.isPresent()) {
          return byToken;
        }
      }
    }
    if (type == null || type.isBlank()) {
      return sameName.stream().min(latestFirst.thenComparing(CatalogueDao.Candidate::id));
    }
    String givenType = sortedTokens(type);
    return sameName.stream().min(Comparator
        .comparingDouble((CatalogueDao.Candidate c) -> -similarity(givenType, sortedTokens(c.type())))
        .thenComparing(latestFirst)
        .thenComparing(CatalogueDao.Candidate::id));
  }

  private record Scored(String name, double score) {}

  static Optional<String> zoeType(String text) {
    List<String> tokens = tokens(text);
    return ZOE_TYPES.stream().filter(tokens::contains).findFirst();
  }

  static String longestDigitGroup(String text) {
    Matcher m = DIGITS.matcher(text);
    String best = null;
    while (m.find()) {
      if (best == null || m.group().length() > best.length()) {
        best = m.group();
      }
    }
    return best;
  }

  static List<String> tokens(String text) {
    if (text == null) {
      return List.of();
    }
    String plain = Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
    return Arrays.stream(plain.toLowerCase(Locale.ROOT).split("[^\\p{Alnum}]+"))
        .filter(t -> !t.isEmpty()).toList();
  }

  static String sortedTokens(String text) {
    return tokens(text).stream().sorted().collect(Collectors.joining(" "));
  }

  /** Normalised InDel similarity 0–100: 100 · 2·LCS / (|a| + |b|) (the "ratio" of token-sort matching). */
  static double similarity(String a, String b) {
    if (a.isEmpty() && b.isEmpty()) {
      return 100;
    }
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        cur[j] = a.charAt(i - 1) == b.charAt(j - 1) ? prev[j - 1] + 1 : Math.max(prev[j], cur[j - 1]);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return 100.0 * 2 * prev[b.length()] / (a.length() + b.length());
  }
}
