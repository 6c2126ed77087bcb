package com.evalue.api.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.evalue.api.db.CatalogueDao.Candidate;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** activation.md §3.4 */
class ModelMatcherTest {
  static Candidate c(String name, String type, String commissioning) {
    return new Candidate(UUID.nameUUIDFromBytes((name + "/" + type + "/" + commissioning).getBytes()), name, type,
        commissioning == null ? null : LocalDate.parse(commissioning));
  }

  static final List<Candidate> PEUGEOT = List.of(c("e-208", "50 kwh", "2020-01-01"), c("e-208", "51 kwh", "2023-06-01"),
      c("e-2008", "50 kwh", "2020-01-01"), c("e-308", "54 kwh", "2023-06-01"));

  @Test
  void digitGroupsMustBeTokensOfTheCandidate() {
    assertEquals("e-2008", ModelMatcher.match("stellantis", "E 2008", "50 kWh", PEUGEOT).orElseThrow().modelName());
    assertEquals("e-208", ModelMatcher.match("stellantis", "e-208", "50 kWh", PEUGEOT).orElseThrow().modelName());
    assertTrue(ModelMatcher.match("stellantis", "e-3008", null, PEUGEOT).isEmpty());
  }

  @Test
  void typeBySimilarityThenLatestCommissioning() {
    assertEquals("51 kwh", ModelMatcher.match("stellantis", "208", "51kWh", PEUGEOT).orElseThrow().type());
    // no type given: the latest commissioning date
    assertEquals("51 kwh", ModelMatcher.match("stellantis", "e-208", null, PEUGEOT).orElseThrow().type());
  }

  @Test
  void belowTheMinimumScoreIsNoMatch() {
    assertTrue(ModelMatcher.match("tesla", "qqqq", null, List.of(c("model 3", "rwd", null))).isEmpty());
    assertTrue(ModelMatcher.match("tesla", null, null, List.of(c("model 3", "rwd", null))).isEmpty());
  }

  @Test
  void tokenSortSimilarity() {
    assertEquals(100.0, ModelMatcher.similarity(ModelMatcher.sortedTokens("Model 3"),
        ModelMatcher.sortedTokens("3 model")));
    assertEquals(2 * 3 * 100.0 / 8, ModelMatcher.similarity("abcd", "abce"), 1e-9);
  }

  @Test
  void renaultZoeTypesAreTokens() {
    List<Candidate> zoe = List.of(c("zoe", "r135", "2019-11-01"), c("zoe", "r110", "2018-01-01"));
    assertEquals("r110", ModelMatcher.match("renault", "Zoé", "ZE40 R110", zoe).orElseThrow().type());
    assertEquals("r135", ModelMatcher.match("renault", "ZOE", "Intens R135 ZE50", zoe).orElseThrow().type());
    // the digit rule applies to the model text too: "135" is no token of "zoe"
    assertTrue(ModelMatcher.match("renault", "Zoe R135", null, zoe).isEmpty());
  }
}
