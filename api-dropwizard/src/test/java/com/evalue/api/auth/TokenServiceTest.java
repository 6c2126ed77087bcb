package com.evalue.api.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Verified access tokens are remembered (TokenService): a remembered token must be decided exactly as a fresh
 * verification would decide it.
 */
class TokenServiceTest {
  static final String SECRET = "test-secret-0123456789-abcdefghijklmnopqrstuvwxyz";

  /** A clock the test moves. */
  static final class TestClock extends Clock {
    Instant now = Instant.parse("2026-03-02T10:00:00Z");

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  final TestClock clock = new TestClock();
  final TokenService tokens = new TokenService(SECRET, "evalue", Duration.ofMinutes(60), Duration.ofDays(30),
      Duration.ofSeconds(30), clock);

  @Test
  void aRememberedTokenStillExpiresWithTheClockSkew() {
    UUID user = UUID.randomUUID();
    String token = tokens.issueAccess(user, null).token();
    assertEquals(user, tokens.verify(token, TokenType.ACCESS).orElseThrow().userId());
    clock.now = clock.now.plus(Duration.ofMinutes(60)).plusSeconds(30); // exp + skew: still valid
    assertTrue(tokens.verify(token, TokenType.ACCESS).isPresent());
    clock.now = clock.now.plusSeconds(1);
    assertTrue(tokens.verify(token, TokenType.ACCESS).isEmpty());
  }

  @Test
  void onlyTheExactTextOfAVerifiedTokenIsRemembered() {
    UUID user = UUID.randomUUID();
    UUID key = UUID.randomUUID();
    String token = tokens.issueAccess(user, key).token();
    assertEquals(key, tokens.verify(token, TokenType.ACCESS).orElseThrow().apiUserId());
    String signature = token.substring(token.lastIndexOf('.') + 1);
    char last = signature.charAt(0);
    String altered = token.substring(0, token.lastIndexOf('.') + 1) + (last == 'A' ? 'B' : 'A')
        + signature.substring(1);
    assertTrue(tokens.verify(altered, TokenType.ACCESS).isEmpty());
    assertTrue(tokens.verify(token + " ", TokenType.ACCESS).isEmpty());
    // an access token never passes as another type, remembered or not
    assertTrue(tokens.verify(token, TokenType.REFRESH).isEmpty());
    assertTrue(tokens.verify(token, TokenType.ACCESS).isPresent());
  }

  @Test
  void aTokenSignedWithAnotherKeyIsRefusedEvenForAKnownUser() {
    UUID user = UUID.randomUUID();
    assertTrue(tokens.verify(tokens.issueAccess(user, null).token(), TokenType.ACCESS).isPresent());
    TokenService other = new TokenService(SECRET.replace('0', '9'), "evalue", Duration.ofMinutes(60),
        Duration.ofDays(30), Duration.ofSeconds(30), clock);
    assertTrue(tokens.verify(other.issueAccess(user, null).token(), TokenType.ACCESS).isEmpty());
  }

  @Test
  void afterAKeyRotationOldTokensStayValidUntilTheyExpireAndNewOnesUseTheNewKey() {
    String newSecret = SECRET.replace('0', '7');
    TokenService rotated = new TokenService(newSecret, SECRET, "evalue", Duration.ofMinutes(60),
        Duration.ofDays(30), Duration.ofSeconds(30), clock);
    UUID user = UUID.randomUUID();
    String oldAccess = tokens.issueAccess(user, null).token();
    String oldRefresh = tokens.issueRefresh(user).token();
    assertEquals(user, rotated.verify(oldAccess, TokenType.ACCESS).orElseThrow().userId());
    assertEquals(user, rotated.verify(oldRefresh, TokenType.REFRESH).orElseThrow().userId());
    assertTrue(rotated.verify(oldAccess, TokenType.REFRESH).isEmpty(), "the type still counts with the old key");

    String fresh = rotated.issueAccess(user, null).token();
    assertTrue(tokens.verify(fresh, TokenType.ACCESS).isEmpty(), "new tokens are signed with the new key");
    TokenService afterTheTransition = new TokenService(newSecret, "evalue", Duration.ofMinutes(60),
        Duration.ofDays(30), Duration.ofSeconds(30), clock);
    assertTrue(afterTheTransition.verify(fresh, TokenType.ACCESS).isPresent());
    assertTrue(afterTheTransition.verify(oldRefresh, TokenType.REFRESH).isEmpty(), "the old key dropped: refused");

    clock.now = clock.now.plus(Duration.ofMinutes(61));
    assertTrue(rotated.verify(oldAccess, TokenType.ACCESS).isEmpty(), "an old token still expires");
    assertThrows(IllegalArgumentException.class, () -> new TokenService(newSecret, "too-short", "evalue",
        Duration.ofMinutes(60), Duration.ofDays(30), Duration.ofSeconds(30), clock));
  }
}
