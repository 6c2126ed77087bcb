package com.evalue.api.resources;

import com.evalue.api.api.Auth;
import com.evalue.api.auth.Cookies;
import com.evalue.api.auth.TokenService;
import com.evalue.api.core.AuthService;
import com.evalue.api.errors.ApiException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.PermitAll;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;

/** api.md §2: token exchange, login, refresh and logout. All open: they are how one gets credentials. */
@Path("/auth")
@Produces(MediaType.APPLICATION_JSON)
@PermitAll
@Tag(name = "auth")
public class AuthResource {
  private final AuthService auth;
  private final Cookies cookies;
  private final TokenService tokens;
  private final ObjectMapper json;

  public AuthResource(AuthService auth, Cookies cookies, TokenService tokens, ObjectMapper json) {
    this.auth = auth;
    this.cookies = cookies;
    this.tokens = tokens;
    this.json = json;
  }

  @POST
  @Path("/token")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Exchange email and password, or an API key, for an access token")
  public Auth.TokenResponse token(@NotNull @Valid Auth.TokenRequest request) {
    if (request.apiKey() != null && !request.apiKey().isBlank()) {
      return response(auth.apiKeyToken(request.apiKey()));
    }
    List<ApiException.FieldError> missing = new ArrayList<>();
    if (request.email() == null || request.email().isBlank()) {
      missing.add(new ApiException.FieldError("email", "is required (or api_key)"));
    }
    if (request.password() == null || request.password().isEmpty()) {
      missing.add(new ApiException.FieldError("password", "is required (or api_key)"));
    }
    if (!missing.isEmpty()) {
      throw ApiException.invalid(missing);
    }
    return response(auth.passwordToken(request.email(), request.password()));
  }

  @POST
  @Path("/token")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  @Operation(summary = "OAuth2 password flow: form-encoded username and password")
  public Auth.TokenResponse tokenForm(@FormParam("username") String username, @FormParam("password") String password) {
    return token(new Auth.TokenRequest(username, password, null));
  }

  @POST
  @Path("/login")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Log in to the web UI: sets the session cookies", tags = {"internal"})
  public Response login(@NotNull @Valid Auth.LoginRequest request) {
    AuthService.Session session = auth.login(request.email(), request.password());
    return withCookies(Response.ok(auth.profile(session.userId())), session).build();
  }

  @POST
  @Path("/refresh")
  @Operation(summary = "Rotate the refresh token (cookie or body) and get a new access token", tags = {"internal"})
  @Consumes(MediaType.WILDCARD)
  public Response refresh(@CookieParam(Cookies.REFRESH) String cookie, String rawBody) {
    String token = cookie != null && !cookie.isBlank() ? cookie : bodyToken(rawBody);
    AuthService.Session session = auth.refresh(token);
    return withCookies(Response.ok(new Auth.RefreshResponse(true, session.access().token(),
        session.access().expiresInSeconds())), session).build();
  }

  @POST
  @Path("/logout")
  @Operation(summary = "Clear the session cookies")
  public Response logout(@CookieParam(Cookies.REFRESH) String refreshCookie) {
    auth.revoke(refreshCookie);
    return Response.ok(new Auth.Message("Logged out successfully")).cookie(cookies.cleared()).build();
  }

  /** {@code {"refresh_token": "..."}} when the cookie is absent; the body is optional. */
  private String bodyToken(String rawBody) {
    if (rawBody == null || rawBody.isBlank()) {
      return null;
    }
    try {
      return json.readValue(rawBody, Auth.RefreshRequest.class).refreshToken();
    } catch (JsonProcessingException e) {
      throw ApiException.badRequest("Malformed JSON body");
    }
  }

  private Response.ResponseBuilder withCookies(Response.ResponseBuilder builder, AuthService.Session session) {
    return builder.cookie(
        cookies.access(session.access().token(), tokens.accessTtl()),
        cookies.refresh(session.refresh().token(), tokens.refreshTtl()),
        cookies.session(session.sessionData().token(), tokens.accessTtl()));
  }

  private static Auth.TokenResponse response(TokenService.Issued issued) {
    return new Auth.TokenResponse(issued.token(), "Bearer", issued.expiresInSeconds());
  }
}
