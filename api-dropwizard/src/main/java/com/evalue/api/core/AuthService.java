package com.evalue.api.core;

import com.evalue.api.api.Auth;
import com.evalue.api.auth.ApiKeys;
import com.evalue.api.auth.AuthenticatedUser;
import com.evalue.api.auth.PasswordHasher;
import com.evalue.api.auth.TokenService;
import com.evalue.api.auth.TokenType;
import com.evalue.api.db.ApiKeyDao;
import com.evalue.api.db.FleetDao;
import com.evalue.api.db.UserDao;
import com.evalue.api.errors.ApiException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Credentials to tokens (api.md §2): password logins (bcrypt, throttled, one identical 401 for every failure), API key
 * exchange (SHA-256 lookup), and refresh-token rotation.
 */
public class AuthService {
  public static final String BAD_PASSWORD = "Incorrect email or password";
  public static final String BAD_API_KEY = "Invalid API key";
  public static final String THROTTLED = "Too many failed login attempts. Please try again later.";

  /** The tokens of a successful login or refresh, and the user they belong to. */
  public record Session(UUID userId, TokenService.Issued access, TokenService.Issued refresh,
      TokenService.Issued sessionData) {}

  private final UserDao users;
  private final ApiKeyDao apiKeys;
  private final FleetDao fleets;
  private final TokenService tokens;
  private final PasswordHasher passwords;
  private final LoginThrottle throttle;
  private final RefreshTokens refreshTokens;
  private final Clock clock;

  public AuthService(UserDao users, ApiKeyDao apiKeys, FleetDao fleets, TokenService tokens,
      PasswordHasher passwords, LoginThrottle throttle, RefreshTokens refreshTokens, Clock clock) {
    this.users = users;
    this.apiKeys = apiKeys;
    this.fleets = fleets;
    this.tokens = tokens;
    this.passwords = passwords;
    this.throttle = throttle;
    this.refreshTokens = refreshTokens;
    this.clock = clock;
  }

  /** Checks email and password; 429 when throttled, else the same 401 for unknown, wrong and inactive. */
  public UUID checkPassword(String rawEmail, String password) {
    String email = rawEmail.trim().toLowerCase(Locale.ROOT);
    if (throttle.blocked(email)) {
      throw new ApiException(429, THROTTLED, Map.of(), Map.of("Retry-After", "900"));
    }
    UserDao.Credentials credentials = users.findCredentials(email).orElse(null);
    boolean passwordOk = passwords.verifyOrDummy(password, credentials == null ? null : credentials.passwordHash());
    if (credentials == null || !passwordOk || !credentials.active()) {
      throttle.failure(email);
      throw ApiException.unauthorized(BAD_PASSWORD);
    }
    throttle.reset(email);
    return credentials.id();
  }

  public TokenService.Issued passwordToken(String email, String password) {
    UUID userId = checkPassword(email, password);
    return tokens.issueAccess(userId, null);
  }

  /** API key → access token whose {@code sub} is the key's owner; updates {@code api_user.last_access}. */
  public TokenService.Issued apiKeyToken(String apiKey) {
    if (apiKey == null || apiKey.isBlank() || apiKey.length() > 256) {
      throw ApiException.unauthorized(BAD_API_KEY);
    }
    ApiKeyDao.KeyOwner owner = apiKeys.findBySha256(ApiKeys.sha256Hex(apiKey.trim()))
        .filter(o -> o.keyActive() && o.userActive())
        .orElseThrow(() -> ApiException.unauthorized(BAD_API_KEY));
    apiKeys.touchLastAccess(owner.apiUserId());
    return tokens.issueAccess(owner.userId(), owner.apiUserId());
  }

  /** A full login: tokens, session data, and {@code last_connection} updated. */
  public Session login(String email, String password) {
    UUID userId = checkPassword(email, password);
    users.touchLastConnection(userId);
    return session(userId);
  }

  /** Rotates a refresh token: it must be valid, unused, of an active user. */
  public Session refresh(String refreshToken) {
    TokenService.Verified verified = tokens.verify(refreshToken, TokenType.REFRESH)
        .orElseThrow(ApiException::invalidCredentials);
    UserDao.AuthRow user = users.findForAuth(verified.userId(), null).filter(UserDao.AuthRow::active)
        .orElseThrow(ApiException::invalidCredentials);
    boolean first;
    try {
      first = refreshTokens.consume(verified.jti(), verified.expiresAt(), clock.instant());
    } catch (MeteringUnavailableException e) {
      throw new ApiException(503, "Authentication store unavailable, please retry later", Map.of(),
          Map.of("Retry-After", "30"));
    }
    if (!first) {
      throw ApiException.invalidCredentials();
    }
    return session(user.id());
  }

  /** Logout: the refresh token, if any and valid, can no longer be used. Best effort. */
  public void revoke(String refreshToken) {
    tokens.verify(refreshToken, TokenType.REFRESH).ifPresent(v -> {
      try {
        refreshTokens.consume(v.jti(), v.expiresAt(), clock.instant());
      } catch (MeteringUnavailableException e) {
        // the cookies are cleared anyway; the token expires on its own
      }
    });
  }

  public Auth.LoginResponse profile(UUID userId) {
    UserDao.Profile p = users.profile(userId).orElseThrow(ApiException::invalidCredentials);
    AuthenticatedUser principal = new AuthenticatedUser(p.id(), p.email(), p.company().id(),
        "Admin".equals(p.role().name()), null);
    var fleetRefs = fleets.accessible(principal).stream().map(f -> new Auth.FleetRef(f.id(), f.name())).toList();
    return new Auth.LoginResponse(
        new Auth.User(p.id(), p.createdAt(), p.updatedAt(), p.email(), p.firstName(), p.lastName(),
            p.lastConnection(), p.isActive(), p.phone(), new Auth.Role(p.role().id(), p.role().name()), fleetRefs),
        new Auth.Company(p.company().id(), p.company().name(), p.company().description()));
  }

  private Session session(UUID userId) {
    UserDao.Profile p = users.profile(userId).orElseThrow(ApiException::invalidCredentials);
    Map<String, Object> user = new LinkedHashMap<>();
    user.put("id", p.id().toString());
    user.put("email", p.email());
    user.put("first_name", p.firstName());
    user.put("last_name", p.lastName());
    user.put("role", p.role().name());
    Map<String, Object> company = new LinkedHashMap<>();
    company.put("id", p.company().id().toString());
    company.put("name", p.company().name());
    return new Session(userId, tokens.issueAccess(userId, null), tokens.issueRefresh(userId),
        tokens.issueSession(userId, Map.of("user", user, "company", company)));
  }
}
