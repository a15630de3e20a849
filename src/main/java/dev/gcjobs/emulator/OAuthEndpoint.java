package dev.gcjobs.emulator;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * {@code POST /oauth/token}: the client-credentials grant with HTTP Basic client authentication.
 * Failures answer with OAuth error bodies ({@code {"error":"invalid_client",...}}).
 */
final class OAuthEndpoint {
  static final String PATH = "/oauth/token";

  private final Map<String, String> clients;
  private final TokenStore tokens;
  private final long ttlSeconds;

  OAuthEndpoint(EmulatorConfig config, TokenStore tokens) {
    this.clients = config.clients();
    this.tokens = tokens;
    this.ttlSeconds = config.tokenTtl().toSeconds();
  }

  void register(RoutesConfig routes, RequestPipeline pipeline) {
    routes.post(PATH, pipeline.login(this::token));
  }

  private void token(Context ctx) {
    String type = ctx.contentType();
    if (type == null
        || !type.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
      throw new OAuthError(
          400,
          "invalid_request",
          "Content-Type must be application/x-www-form-urlencoded with grant_type=client_credentials");
    }
    String clientId = authenticateClient(ctx.header("Authorization"));
    String grant = ctx.formParam("grant_type");
    if (grant == null || grant.isEmpty()) {
      throw new OAuthError(
          400, "invalid_request", "grant_type is required: send grant_type=client_credentials");
    }
    if (!grant.equals("client_credentials")) {
      throw new OAuthError(
          400,
          "unsupported_grant_type",
          "grant_type '" + grant + "' is not supported; use client_credentials");
    }
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("access_token", tokens.issue(clientId));
    answer.put("token_type", "bearer");
    answer.put("expires_in", ttlSeconds);
    ctx.contentType("application/json").result(WireJson.bytes(answer));
  }

  /** The client id of valid Basic credentials; never echoes the secret. */
  private String authenticateClient(String header) {
    if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
      throw new OAuthError(
          401,
          "invalid_client",
          "client authentication is required: send Authorization: Basic base64(id:secret)");
    }
    String decoded;
    try {
      decoded =
          new String(
              Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new OAuthError(401, "invalid_client", "the Basic credentials are not valid base64");
    }
    int colon = decoded.indexOf(':');
    if (colon < 0) {
      throw new OAuthError(401, "invalid_client", "the Basic credentials must be id:secret");
    }
    String id = decoded.substring(0, colon);
    String expected = clients.get(id);
    byte[] given = decoded.substring(colon + 1).getBytes(StandardCharsets.UTF_8);
    if (expected == null
        || !MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given)) {
      throw new OAuthError(401, "invalid_client", "client not found or wrong secret");
    }
    return id;
  }
}
