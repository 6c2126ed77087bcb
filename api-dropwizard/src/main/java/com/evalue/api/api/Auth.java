package com.evalue.api.api;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Bodies of {@code /v1/auth} (api.md §2). */
public final class Auth {
  private Auth() {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record LoginRequest(@NotBlank @Email @Size(max = 255) String email,
      @NotBlank @Size(max = 1024) String password) {}

  /** Either {@code email} and {@code password}, or {@code api_key}. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record TokenRequest(@Email @Size(max = 255) String email, @Size(max = 1024) String password,
      @Size(max = 256) String apiKey) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record TokenResponse(String accessToken, String tokenType, long expiresIn) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record RefreshRequest(@Size(max = 4096) String refreshToken) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record RefreshResponse(boolean ok, String accessToken, long expiresIn) {}

  public record Message(String message) {}

  public record Role(UUID id, String name) {}

  public record FleetRef(UUID id, String name) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record User(UUID id, Instant createdAt, Instant updatedAt, String email, String firstName, String lastName,
      Instant lastConnection, boolean isActive, String phone, Role role, List<FleetRef> fleets) {}

  public record Company(UUID id, String name, String description) {}

  public record LoginResponse(User user, Company company) {}
}
