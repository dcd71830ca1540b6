package org.takedown.gateway.localrun;

import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The console's identity provider in a local run: a real OpenID Connect provider, so that the
 * console signs in locally by the same code path as against the unit's provider. Discovery,
 * authorization (a page to pick a development identity), token (authorization code only, PKCE S256
 * required and verified, the client authenticated by its secret), JWKS and end-session
 * (RP-initiated logout, GET or POST). ID tokens are signed with an RSA key kept under the data
 * directory; roles are in both {@code roles} and Keycloak's {@code realm_access.roles}, so either
 * claim path works.
 *
 * <p>Development only: it trusts any redirect URI on the loopback interface, and has no users but
 * {@link #IDENTITIES}. It lives in the local build only, never in the production jar.
 */
public final class DevIdentityProvider implements AutoCloseable {

  /** A development identity to sign in as. */
  public record Identity(String subject, String name, List<String> roles) {}

  /** Who can sign in: an officer, an admin, and a submitter (to see the console's 403 page). */
  public static final List<Identity> IDENTITIES =
      List.of(
          new Identity("officer-1", "Officier de liaison 1", List.of("liaison-officer")),
          new Identity("admin-1", "Administrateur 1", List.of("admin")),
          new Identity("e-blagh-triage", "Triage e-Blagh (soumetteur)", List.of("case-submitter")));

  static final String SESSION_COOKIE = "takedown_dev_idp";
  static final Duration CODE_LIFETIME = Duration.ofMinutes(1);
  static final Duration ID_TOKEN_LIFETIME = Duration.ofMinutes(5);

  private record Grant(
      String clientId,
      String redirectUri,
      String nonce,
      String challenge,
      Identity identity,
      String sessionId,
      Instant authTime,
      Instant expiresAt) {}

  private final HttpServer server;
  private final ExecutorService executor;
  private final DevSigningKey key;
  private final String clientId;
  private final String clientSecret;
  private final String issuer;
  private final Clock clock = Clock.systemUTC();
  private final SecureRandom random = new SecureRandom();
  private final Map<String, Grant> codes = new ConcurrentHashMap<>();
  private final Map<String, Identity> sessions = new ConcurrentHashMap<>();

  private DevIdentityProvider(
      HttpServer server, DevSigningKey key, String clientId, String clientSecret) {
    this.server = server;
    this.key = key;
    this.clientId = clientId;
    this.clientSecret = clientSecret;
    this.issuer = "http://127.0.0.1:" + server.getAddress().getPort();
    this.executor =
        Executors.newFixedThreadPool(
            4,
            r -> {
              Thread thread = new Thread(r, "dev-identity-provider");
              thread.setDaemon(true);
              return thread;
            });
    server.setExecutor(executor);
    server.createContext("/.well-known/openid-configuration", this::discovery);
    server.createContext("/authorize", this::authorize);
    server.createContext("/token", this::token);
    server.createContext("/jwks", this::jwks);
    server.createContext("/end-session", this::endSession);
  }

  /**
   * Starts a provider on {@code port} of 127.0.0.1, or on any free port when that one is taken (a
   * second local run) or {@code port} is 0.
   */
  public static DevIdentityProvider start(
      int port, DevSigningKey key, String clientId, String clientSecret) {
    HttpServer server;
    try {
      server = bind(port);
    } catch (BindException e) {
      try {
        server = bind(0);
      } catch (IOException again) {
        throw new UncheckedIOException("cannot start the development identity provider", again);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the development identity provider", e);
    }
    DevIdentityProvider provider = new DevIdentityProvider(server, key, clientId, clientSecret);
    server.start();
    return provider;
  }

  private static HttpServer bind(int port) throws IOException {
    return HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
  }

  /** {@code http://127.0.0.1:<port>}: discovery is at {@code {issuer}/.well-known/...}. */
  public String issuer() {
    return issuer;
  }

  public String clientId() {
    return clientId;
  }

  /** The subjects signed in at this provider now (one per provider session). */
  public Set<String> signedIn() {
    return sessions.values().stream().map(Identity::subject).collect(Collectors.toSet());
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void discovery(HttpExchange exchange) throws IOException {
    Map<String, Object> document = new LinkedHashMap<>();
    document.put("issuer", issuer);
    document.put("authorization_endpoint", issuer + "/authorize");
    document.put("token_endpoint", issuer + "/token");
    document.put("jwks_uri", issuer + "/jwks");
    document.put("end_session_endpoint", issuer + "/end-session");
    document.put("response_types_supported", List.of("code"));
    document.put("grant_types_supported", List.of("authorization_code"));
    document.put("subject_types_supported", List.of("public"));
    document.put("id_token_signing_alg_values_supported", List.of("RS256"));
    document.put("code_challenge_methods_supported", List.of("S256"));
    document.put(
        "token_endpoint_auth_methods_supported",
        List.of("client_secret_basic", "client_secret_post"));
    document.put("scopes_supported", List.of("openid", "profile"));
    document.put(
        "claims_supported",
        List.of("sub", "name", "preferred_username", "roles", "realm_access", "nonce", "sid"));
    json(exchange, 200, document);
  }

  private void jwks(HttpExchange exchange) throws IOException {
    send(exchange, 200, "application/json", key.publicJwks());
  }

  // ---------------------------------------------------------------- authorization endpoint

  private void authorize(HttpExchange exchange) throws IOException {
    String method = exchange.getRequestMethod();
    Map<String, String> params;
    if ("GET".equals(method)) {
      params = query(exchange.getRequestURI());
    } else if ("POST".equals(method)) {
      params = form(exchange);
    } else {
      send(exchange, 405, "text/plain", "GET or POST");
      return;
    }
    Optional<String> badRedirect = redirectDefect(params.get("redirect_uri"));
    if (!clientId.equals(params.get("client_id")) || badRedirect.isPresent()) {
      // never redirect to an unverified address: say so on a page
      html(
          exchange,
          400,
          page(
              "Demande refusée",
              "<p>Client inconnu ou adresse de retour refusée"
                  + badRedirect.map(d -> " (" + escape(d) + ")").orElse("")
                  + ".</p>"));
      return;
    }
    String redirectUri = params.get("redirect_uri");
    String state = params.get("state");
    if (!"code".equals(params.get("response_type"))) {
      redirectError(exchange, redirectUri, state, "unsupported_response_type");
      return;
    }
    String scope = params.getOrDefault("scope", "");
    if (!List.of(scope.split(" ")).contains("openid")) {
      redirectError(exchange, redirectUri, state, "invalid_scope");
      return;
    }
    String challenge = params.get("code_challenge");
    if (challenge == null
        || challenge.length() < 43
        || !"S256".equals(params.get("code_challenge_method"))) {
      // PKCE with S256 is required
      redirectError(exchange, redirectUri, state, "invalid_request");
      return;
    }
    if ("GET".equals(method)) {
      html(exchange, 200, picker(params, currentSession(exchange)));
      return;
    }
    Optional<Identity> identity =
        IDENTITIES.stream().filter(i -> i.subject().equals(params.get("identity"))).findFirst();
    if (identity.isEmpty()) {
      html(exchange, 400, page("Identité inconnue", "<p>Choisissez une identité de la liste.</p>"));
      return;
    }
    String sessionId = randomToken();
    sessions.put(sessionId, identity.get());
    Instant now = clock.instant();
    String code = randomToken();
    codes.put(
        code,
        new Grant(
            clientId,
            redirectUri,
            params.get("nonce"),
            challenge,
            identity.get(),
            sessionId,
            now,
            now.plus(CODE_LIFETIME)));
    Map<String, String> answer = new LinkedHashMap<>();
    answer.put("code", code);
    if (state != null) {
      answer.put("state", state);
    }
    exchange
        .getResponseHeaders()
        .add("Set-Cookie", SESSION_COOKIE + "=" + sessionId + "; Path=/; HttpOnly; SameSite=Lax");
    redirect(exchange, withParameters(redirectUri, answer));
  }

  private String picker(Map<String, String> params, Optional<Identity> current) {
    StringBuilder hidden = new StringBuilder();
    for (String name :
        List.of(
            "response_type",
            "client_id",
            "redirect_uri",
            "scope",
            "state",
            "nonce",
            "code_challenge",
            "code_challenge_method")) {
      if (params.get(name) != null) {
        hidden
            .append("<input type=\"hidden\" name=\"")
            .append(name)
            .append("\" value=\"")
            .append(escape(params.get(name)))
            .append("\">");
      }
    }
    StringBuilder buttons = new StringBuilder("<ul>");
    for (Identity identity : IDENTITIES) {
      buttons
          .append("<li><button type=\"submit\" name=\"identity\" value=\"")
          .append(escape(identity.subject()))
          .append("\" id=\"identity-")
          .append(escape(identity.subject()))
          .append("\">")
          .append(escape(identity.subject()))
          .append("</button> ")
          .append(escape(identity.name()))
          .append(" — rôles : ")
          .append(escape(String.join(", ", identity.roles())))
          .append("</li>");
    }
    buttons.append("</ul>");
    String session =
        current
            .map(
                i ->
                    "<p id=\"provider-session\">Session en cours chez ce fournisseur : "
                        + escape(i.subject())
                        + ".</p>")
            .orElse("");
    return page(
        "Connexion de développement",
        "<p>Fournisseur d'identité de développement de la passerelle (mode local uniquement)."
            + " Choisissez une identité :</p>"
            + session
            + "<form method=\"post\" action=\"/authorize\">"
            + hidden
            + buttons
            + "</form>");
  }

  private Optional<Identity> currentSession(HttpExchange exchange) {
    return cookie(exchange, SESSION_COOKIE).map(sessions::get);
  }

  // ---------------------------------------------------------------- token endpoint

  private void token(HttpExchange exchange) throws IOException {
    if (!"POST".equals(exchange.getRequestMethod())) {
      send(exchange, 405, "text/plain", "POST");
      return;
    }
    Map<String, String> params = form(exchange);
    Optional<String[]> basic = basicCredentials(exchange);
    String client = basic.map(c -> c[0]).orElse(params.get("client_id"));
    String secret = basic.map(c -> c[1]).orElse(params.get("client_secret"));
    if (!clientId.equals(client) || secret == null || !constantTimeEquals(clientSecret, secret)) {
      tokenError(exchange, 401, "invalid_client", "unknown client or wrong secret");
      return;
    }
    if (!"authorization_code".equals(params.get("grant_type"))) {
      tokenError(exchange, 400, "unsupported_grant_type", "authorization_code only");
      return;
    }
    String code = params.get("code");
    // a code is used once: removed before anything else, so that a replay finds nothing
    Grant grant = code == null ? null : codes.remove(code);
    Instant now = clock.instant();
    if (grant == null || !now.isBefore(grant.expiresAt())) {
      tokenError(exchange, 400, "invalid_grant", "unknown, used or expired code");
      return;
    }
    if (!grant.clientId().equals(client)
        || !grant.redirectUri().equals(params.get("redirect_uri"))) {
      tokenError(exchange, 400, "invalid_grant", "the code was issued for another client or URI");
      return;
    }
    String verifier = params.get("code_verifier");
    if (verifier == null || !grant.challenge().equals(s256(verifier))) {
      tokenError(exchange, 400, "invalid_grant", "PKCE verification failed");
      return;
    }
    Identity identity = grant.identity();
    JWTClaimsSet.Builder claims =
        new JWTClaimsSet.Builder()
            .issuer(issuer)
            .subject(identity.subject())
            .audience(clientId)
            .claim("azp", clientId)
            .issueTime(Date.from(now))
            .expirationTime(Date.from(now.plus(ID_TOKEN_LIFETIME)))
            .claim("auth_time", grant.authTime().getEpochSecond())
            .claim("sid", grant.sessionId())
            .claim("name", identity.name())
            .claim("preferred_username", identity.subject())
            .claim("roles", identity.roles())
            .claim("realm_access", Map.of("roles", identity.roles()));
    if (grant.nonce() != null) {
      claims.claim("nonce", grant.nonce());
    }
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("access_token", randomToken());
    answer.put("token_type", "Bearer");
    answer.put("expires_in", ID_TOKEN_LIFETIME.toSeconds());
    answer.put("scope", "openid profile");
    answer.put("id_token", key.sign(claims.build()));
    exchange.getResponseHeaders().add("Cache-Control", "no-store");
    json(exchange, 200, answer);
  }

  private void tokenError(HttpExchange exchange, int status, String error, String description)
      throws IOException {
    if (status == 401) {
      exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"token\"");
    }
    exchange.getResponseHeaders().add("Cache-Control", "no-store");
    json(exchange, status, Map.of("error", error, "error_description", description));
  }

  // ---------------------------------------------------------------- end-session endpoint

  private void endSession(HttpExchange exchange) throws IOException {
    Map<String, String> params =
        "POST".equals(exchange.getRequestMethod())
            ? form(exchange)
            : query(exchange.getRequestURI());
    cookie(exchange, SESSION_COOKIE).ifPresent(sessions::remove);
    String hint = params.get("id_token_hint");
    if (hint != null) {
      try {
        SignedJWT idToken = SignedJWT.parse(hint);
        JWTClaimsSet claims = idToken.getJWTClaimsSet();
        // an expired hint still names the session to end
        if (key.signed(idToken) && issuer.equals(claims.getIssuer())) {
          String sid = claims.getStringClaim("sid");
          if (sid != null) {
            sessions.remove(sid);
          }
        }
      } catch (ParseException e) {
        // not one of ours: nothing to end by it
      }
    }
    exchange
        .getResponseHeaders()
        .add("Set-Cookie", SESSION_COOKIE + "=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0");
    String target = params.get("post_logout_redirect_uri");
    if (target != null && redirectDefect(target).isEmpty()) {
      Map<String, String> answer = new LinkedHashMap<>();
      if (params.get("state") != null) {
        answer.put("state", params.get("state"));
      }
      redirect(exchange, withParameters(target, answer));
      return;
    }
    html(
        exchange,
        200,
        page("Session terminée", "<p>Votre session chez ce fournisseur est terminée.</p>"));
  }

  // ---------------------------------------------------------------- protocol helpers

  /** Why a redirect URI is refused: only absolute http(s) addresses on this machine are trusted. */
  static Optional<String> redirectDefect(String redirectUri) {
    if (redirectUri == null) {
      return Optional.of("no redirect_uri");
    }
    URI uri;
    try {
      uri = new URI(redirectUri);
    } catch (java.net.URISyntaxException e) {
      return Optional.of("not a URI");
    }
    if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
      return Optional.of("not http or https");
    }
    String host = uri.getHost();
    if (host == null
        || !(host.equals("127.0.0.1") || host.equals("localhost") || host.equals("[::1]"))) {
      return Optional.of("not on the loopback interface");
    }
    if (uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
      return Optional.of("holds a fragment or user info");
    }
    return Optional.empty();
  }

  private static String withParameters(String base, Map<String, String> parameters) {
    if (parameters.isEmpty()) {
      return base;
    }
    String query =
        parameters.entrySet().stream()
            .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
            .collect(Collectors.joining("&"));
    return base + (base.contains("?") ? "&" : "?") + query;
  }

  private void redirectError(HttpExchange exchange, String redirectUri, String state, String error)
      throws IOException {
    Map<String, String> answer = new LinkedHashMap<>();
    answer.put("error", error);
    if (state != null) {
      answer.put("state", state);
    }
    redirect(exchange, withParameters(redirectUri, answer));
  }

  static String s256(String verifier) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  private static Optional<String[]> basicCredentials(HttpExchange exchange) {
    String header = exchange.getRequestHeaders().getFirst("Authorization");
    if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
      return Optional.empty();
    }
    try {
      String decoded =
          new String(
              Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
      int colon = decoded.indexOf(':');
      if (colon < 0) {
        return Optional.empty();
      }
      // RFC 6749 2.3.1: both parts are form-encoded before Basic encoding
      return Optional.of(
          new String[] {
            URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8),
            URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8)
          });
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static boolean constantTimeEquals(String expected, String offered) {
    return MessageDigest.isEqual(
        expected.getBytes(StandardCharsets.UTF_8), offered.getBytes(StandardCharsets.UTF_8));
  }

  private String randomToken() {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static Optional<String> cookie(HttpExchange exchange, String name) {
    List<String> headers = exchange.getRequestHeaders().get("Cookie");
    if (headers == null) {
      return Optional.empty();
    }
    for (String header : headers) {
      for (String pair : header.split(";")) {
        String[] parts = pair.trim().split("=", 2);
        if (parts.length == 2 && parts[0].equals(name) && !parts[1].isEmpty()) {
          return Optional.of(parts[1]);
        }
      }
    }
    return Optional.empty();
  }

  private static Map<String, String> query(URI uri) {
    return parse(uri.getRawQuery());
  }

  private static Map<String, String> form(HttpExchange exchange) throws IOException {
    try (InputStream body = exchange.getRequestBody()) {
      byte[] bytes = body.readNBytes(64 * 1024);
      return parse(new String(bytes, StandardCharsets.UTF_8));
    }
  }

  /** Form or query parameters; a parameter given twice is refused by keeping neither. */
  private static Map<String, String> parse(String encoded) {
    Map<String, String> params = new LinkedHashMap<>();
    if (encoded == null || encoded.isEmpty()) {
      return params;
    }
    Set<String> repeated = new java.util.HashSet<>();
    for (String pair : encoded.split("&")) {
      String[] parts = pair.split("=", 2);
      String name = URLDecoder.decode(parts[0], StandardCharsets.UTF_8);
      String value = parts.length == 2 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : "";
      if (params.putIfAbsent(name, value) != null) {
        repeated.add(name);
      }
    }
    repeated.forEach(params::remove);
    return params;
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static void redirect(HttpExchange exchange, String location) throws IOException {
    exchange.getResponseHeaders().add("Location", location);
    exchange.getResponseHeaders().add("Cache-Control", "no-store");
    exchange.sendResponseHeaders(303, -1);
    exchange.close();
  }

  private static void json(HttpExchange exchange, int status, Map<String, ?> body)
      throws IOException {
    send(exchange, status, "application/json", JSONObjectUtils.toJSONString(body));
  }

  private static void html(HttpExchange exchange, int status, String page) throws IOException {
    exchange
        .getResponseHeaders()
        .add("Content-Security-Policy", "default-src 'none'; form-action *");
    exchange.getResponseHeaders().add("X-Frame-Options", "DENY");
    send(exchange, status, "text/html; charset=utf-8", page);
  }

  private static void send(HttpExchange exchange, int status, String type, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", type);
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static String page(String title, String body) {
    return "<!DOCTYPE html><html lang=\"fr\"><head><meta charset=\"utf-8\"><title>"
        + escape(title)
        + "</title></head><body><main><h1>"
        + escape(title)
        + "</h1>"
        + body
        + "</main></body></html>";
  }

  static String escape(String text) {
    StringBuilder escaped = new StringBuilder(text.length() + 16);
    for (char c : text.toCharArray()) {
      switch (c) {
        case '&' -> escaped.append("&amp;");
        case '<' -> escaped.append("&lt;");
        case '>' -> escaped.append("&gt;");
        case '"' -> escaped.append("&quot;");
        case '\'' -> escaped.append("&#39;");
        default -> escaped.append(c);
      }
    }
    return escaped.toString();
  }
}
