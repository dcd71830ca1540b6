package org.takedown.gateway.console.signin;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.security.authentication.AuthenticationResponse;
import io.micronaut.security.oauth2.endpoint.authorization.state.State;
import io.micronaut.security.oauth2.endpoint.token.response.OpenIdAuthenticationMapper;
import io.micronaut.security.oauth2.endpoint.token.response.OpenIdClaims;
import io.micronaut.security.oauth2.endpoint.token.response.OpenIdTokenResponse;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.takedown.gateway.auth.SubjectRules;

/**
 * Turns the provider's validated ID token into the console's user: its {@code sub}, held to the
 * same rules as an API caller's (it becomes the actor of every action), a name to show, and the
 * roles found at {@code gateway.console.oidc.roles-claim} in the ID token. The userinfo endpoint is
 * not asked: the ID token is signed, already validated, and holds what the console needs.
 */
@Singleton
@Named(SignInPaths.CLIENT)
@ConsoleEnabled
final class ConsoleAuthenticationMapper implements OpenIdAuthenticationMapper {

  static final String ID_TOKEN = "idToken";
  static final String DISPLAY_NAME = "displayName";

  private static final Logger LOG = LoggerFactory.getLogger(ConsoleAuthenticationMapper.class);

  private final ClaimPath roles;

  ConsoleAuthenticationMapper(ConsoleOidcProperties properties) {
    this.roles = new ClaimPath(properties.rolesClaim());
  }

  @Override
  public Publisher<AuthenticationResponse> createAuthenticationResponse(
      String providerName,
      OpenIdTokenResponse tokenResponse,
      OpenIdClaims openIdClaims,
      @Nullable State state) {
    String subject = openIdClaims.getSubject();
    Optional<String> defect = SubjectRules.defect(subject);
    if (defect.isPresent()) {
      LOG.info("console sign-in refused: the ID token's sub {}", defect.get());
      return Publishers.just(AuthenticationResponse.failure("the ID token's sub " + defect.get()));
    }
    Map<String, Object> claims = openIdClaims.getClaims();
    List<String> found = roles.strings(claims);
    String name =
        firstString(claims, "preferred_username")
            .or(() -> firstString(claims, "name"))
            .orElse(subject);
    return Publishers.just(
        AuthenticationResponse.success(
            subject, found, Map.of(ID_TOKEN, tokenResponse.getIdToken(), DISPLAY_NAME, name)));
  }

  private static Optional<String> firstString(Map<String, Object> claims, String name) {
    return claims.get(name) instanceof String value && !value.isBlank()
        ? Optional.of(value)
        : Optional.empty();
  }
}
