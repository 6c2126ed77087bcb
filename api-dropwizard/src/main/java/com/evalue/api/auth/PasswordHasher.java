package com.evalue.api.auth;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.nio.charset.StandardCharsets;

/**
 * bcrypt password hashes (api.md §2.1, cost 12). {@link #verifyOrDummy} always runs one bcrypt check, against a dummy
 * hash of the same cost when the user is unknown, so that an unknown email and a wrong password take alike time.
 */
public class PasswordHasher {
  /** bcrypt only reads the first 72 bytes; longer inputs are refused rather than silently truncated. */
  public static final int MAX_PASSWORD_BYTES = 72;

  private final int cost;
  private final String dummyHash;

  public PasswordHasher(int cost) {
    this.cost = cost;
    this.dummyHash = hash("evalue-dummy-password-for-timing");
  }

  public String hash(String password) {
    return BCrypt.withDefaults().hashToString(cost, password.toCharArray());
  }

  /** True only when {@code hashOrNull} is a bcrypt hash of {@code password}; a null hash checks the dummy. */
  public boolean verifyOrDummy(String password, String hashOrNull) {
    byte[] pw = password == null ? new byte[0] : password.getBytes(StandardCharsets.UTF_8);
    if (pw.length > MAX_PASSWORD_BYTES) {
      BCrypt.verifyer().verify(new byte[0], dummyHash.getBytes(StandardCharsets.UTF_8));
      return false;
    }
    String hash = hashOrNull == null || !hashOrNull.startsWith("$2") ? dummyHash : hashOrNull;
    boolean ok = BCrypt.verifyer().verify(pw, hash.getBytes(StandardCharsets.UTF_8)).verified;
    return ok && hash != dummyHash;
  }
}
