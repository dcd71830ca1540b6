package org.takedown.gateway.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.ConfigurableJWTProcessor;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.validator.TokenValidator;
import jakarta.inject.Singleton;
import java.net.MalformedURLException;
import java.text.ParseException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Verifies bearer JWTs with Nimbus: RS256 or ES256 signature against the configured JWKS (cached,
 * refreshed on an unknown key id), exact issuer, audience, expiry and not-before with the
 * configured skew, and a {@code sub} that can name a caller ({@link SubjectRules}). A token that
 * fails any check authenticates nobody, so the call gets a 401, and is never kept as verified.
 */
@Singleton
final class BearerTokenVerifier implements TokenValidator<HttpRequest<?>> {

  private static final Logger LOG = LoggerFactory.getLogger(BearerTokenVerifier.class);
  private static final Set<JWSAlgorithm> ACCEPTED = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256);

  private final ConfigurableJWTProcessor<SecurityContext> processor;
  private final VerifiedTokens verified;

  BearerTokenVerifier(AuthProperties properties) {
    JWKSource<SecurityContext> keys;
    try {
      keys =
          JWKSourceBuilder.create(properties.jwksUri().toURL(), new FileResourceRetriever())
              .retrying(true)
              .build();
    } catch (MalformedURLException | IllegalArgumentException e) {
      throw new IllegalStateException(
          "gateway.auth.jwks-uri is not a usable URL: " + properties.jwksUri(), e);
    }
    DefaultJWTProcessor<SecurityContext> jwtProcessor = new DefaultJWTProcessor<>();
    jwtProcessor.setJWSKeySelector(new JWSVerificationKeySelector<>(ACCEPTED, keys));
    DefaultJWTClaimsVerifier<SecurityContext> claims =
        new DefaultJWTClaimsVerifier<>(
            properties.audience(),
            new JWTClaimsSet.Builder().issuer(properties.issuer()).build(),
            Set.of("sub", "exp"));
    claims.setMaxClockSkew((int) properties.clockSkew().toSeconds());
    jwtProcessor.setJWTClaimsSetVerifier(claims);
    this.processor = jwtProcessor;
    // the system clock, as Nimbus's own expiry check uses
    this.verified =
        new VerifiedTokens(
            properties.verifiedTokenTtl(),
            properties.clockSkew(),
            properties.verifiedTokenCacheSize(),
            Clock.systemUTC());
  }

  @Override
  public Publisher<Authentication> validateToken(String token, HttpRequest<?> request) {
    Optional<Authentication> known = verified.find(token);
    if (known.isPresent()) {
      return Publishers.just(known.get());
    }
    try {
      JWTClaimsSet claims = processor.process(token, null);
      Optional<String> unusableSub = SubjectRules.defect(claims.getSubject());
      if (unusableSub.isPresent()) {
        // the defect only, never the sub: it may be anything, a NUL or a person's name
        LOG.debug("bearer token refused: its sub {}", unusableSub.get());
        return Publishers.empty();
      }
      Authentication authentication =
          Authentication.build(claims.getSubject(), roles(claims), Map.of());
      verified.keep(
          token,
          authentication,
          claims.getNotBeforeTime() == null ? null : claims.getNotBeforeTime().toInstant(),
          claims.getExpirationTime().toInstant());
      return Publishers.just(authentication);
    } catch (ParseException | BadJOSEException | JOSEException e) {
      // the reason only: the token itself is a credential and stays out of the logs
      LOG.debug("bearer token refused: {}", e.getMessage());
      return Publishers.empty();
    }
  }

  private static List<String> roles(JWTClaimsSet claims) throws ParseException {
    List<String> roles = claims.getStringListClaim("roles");
    return roles == null ? List.of() : roles;
  }
}
