package com.evalue.api.auth;

/** The {@code typ} claim (api.md §2.2). */
public enum TokenType {
  ACCESS("access"),
  REFRESH("refresh"),
  SESSION("session");

  private final String claim;

  TokenType(String claim) {
    this.claim = claim;
  }

  public String claim() {
    return claim;
  }
}
