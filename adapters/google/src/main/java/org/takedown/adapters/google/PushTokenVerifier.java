package org.takedown.adapters.google;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.BadJWSException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import com.nimbusds.jwt.proc.ExpiredJWTException;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.text.ParseException;
import java.time.Clock;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Verifies the OIDC token Google signs each push with, entirely with Nimbus: an RS256 signature by
 * a key of {@code push-jwks-uri}, {@code iss} = {@code push-issuer}, {@code aud} = {@code
 * push-audience}, {@code email} = {@code push-service-account}, {@code email_verified} = true, and
 * {@code exp} not passed on the injected clock, give or take {@value #MAX_CLOCK_SKEW_SECONDS} s.
 *
 * <p>The key set is cached for five minutes and fetched again at once when a token names a key it
 * does not hold, so that Google's key rotation needs no restart; refetches are rate-limited to two
 * per 30 s, so that tokens with made-up key ids cannot hammer the key set's host.
 */
final class PushTokenVerifier {

  static final int MAX_CLOCK_SKEW_SECONDS = 60;

  private static final Logger LOG = LoggerFactory.getLogger(PushTokenVerifier.class);
  private static final String JWKS_URI_KEY = GoogleProperties.PREFIX + ".push-jwks-uri";

  private final DefaultJWTProcessor<SecurityContext> processor;

  private PushTokenVerifier(DefaultJWTProcessor<SecurityContext> processor) {
    this.processor = processor;
  }

  /**
   * A verifier for the configured push-* keys; empty when any of them is unset, in which case no
   * push can be verified.
   *
   * @throws IllegalStateException when {@code push-jwks-uri} is not an http:, https: or file: URI
   */
  static Optional<PushTokenVerifier> configured(GoogleProperties properties, Clock clock) {
    if (isBlank(properties.pushJwksUri())
        || isBlank(properties.pushIssuer())
        || isBlank(properties.pushAudience())
        || isBlank(properties.pushServiceAccount())) {
      return Optional.empty();
    }
    JWKSource<SecurityContext> keys =
        JWKSourceBuilder.<SecurityContext>create(
                keySetUrl(properties.pushJwksUri()),
                new PushKeySetRetriever(properties.connectTimeout(), properties.readTimeout()))
            .cache(
                JWKSourceBuilder.DEFAULT_CACHE_TIME_TO_LIVE,
                JWKSourceBuilder.DEFAULT_CACHE_REFRESH_TIMEOUT)
            // Refreshing in the background would need threads to own and stop; refreshing on an
            // expired cache or an unknown key id is enough for a key set that rotates in weeks.
            .refreshAheadCache(false)
            .rateLimited(JWKSourceBuilder.DEFAULT_RATE_LIMIT_MIN_INTERVAL)
            .build();
    DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
    processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, keys));
    DefaultJWTClaimsVerifier<SecurityContext> claims =
        new DefaultJWTClaimsVerifier<>(
            // Nimbus asks the audience set whether it contains null, which Set.of cannot answer.
            new HashSet<>(List.of(properties.pushAudience())),
            new JWTClaimsSet.Builder()
                .issuer(properties.pushIssuer())
                .claim("email", properties.pushServiceAccount())
                .claim("email_verified", Boolean.TRUE)
                .build(),
            // Without exp a token would never expire; Nimbus checks exp only when present.
            new HashSet<>(List.of("exp")),
            null) {
          @Override
          protected Date currentTime() {
            return Date.from(clock.instant());
          }
        };
    claims.setMaxClockSkew(MAX_CLOCK_SKEW_SECONDS);
    processor.setJWTClaimsSetVerifier(claims);
    return Optional.of(new PushTokenVerifier(processor));
  }

  /**
   * Why {@code token} is not an authentic, current push token; empty when it is. Reasons never
   * quote the token or its claims.
   */
  Optional<String> refusal(String token) {
    try {
      processor.process(token, null);
      return Optional.empty();
    } catch (ParseException e) {
      return Optional.of("Google push token is not a JWT");
    } catch (ExpiredJWTException e) {
      return Optional.of("Google push token has expired");
    } catch (BadJWTException e) {
      debug(e);
      return Optional.of("Google push token claims do not match the push configuration");
    } catch (BadJWSException e) {
      return Optional.of("Google push token signature does not verify");
    } catch (BadJOSEException e) {
      debug(e);
      return Optional.of("Google push token is not signed RS256 by a key of the push key set");
    } catch (RateLimitReachedException e) {
      // Only a key id the cached set lacks makes Nimbus refetch this often.
      return Optional.of("Google push token names a key the push key set does not hold");
    } catch (KeySourceException e) {
      LOG.warn("Google push key set unavailable: {}", e.getClass().getSimpleName());
      return Optional.of("Google push key set could not be fetched");
    } catch (JOSEException e) {
      return Optional.of("Google push token could not be verified");
    }
  }

  /** Nimbus names the failed check, quoting claim values: useful, but attacker-supplied text. */
  private static void debug(Exception e) {
    if (LOG.isDebugEnabled()) {
      String message = e.getMessage() == null ? "" : e.getMessage();
      LOG.debug("Google push token refused: {}", message.replaceAll("\\p{Cntrl}", "?"));
    }
  }

  private static URL keySetUrl(String value) {
    try {
      URI uri = new URI(value.trim());
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (uri.isAbsolute() && !uri.isOpaque() && Set.of("http", "https", "file").contains(scheme)) {
        return uri.toURL();
      }
    } catch (java.net.URISyntaxException | MalformedURLException | IllegalArgumentException e) {
      // reported below
    }
    throw new IllegalStateException(
        JWKS_URI_KEY + " must be an absolute http:, https: or file: URI: " + value);
  }

  private static boolean isBlank(String value) {
    return value == null || value.isBlank();
  }
}
