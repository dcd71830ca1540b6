package org.takedown.gateway.console.signin;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.micronaut.security.oauth2.endpoint.authorization.state.DefaultState;
import io.micronaut.security.oauth2.endpoint.authorization.state.JacksonStateSerDes;
import io.micronaut.security.oauth2.endpoint.authorization.state.State;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the {@code state} of a callback as Micronaut's own does, except that a state that is not
 * one (not base64url, not JSON: forged or truncated) is no state at all, so that the callback is
 * refused as a failed sign-in, instead of failing with a server error (Micronaut lets the base64
 * error through) or an ERROR log line.
 */
@Singleton
@Replaces(JacksonStateSerDes.class)
final class QuietStateSerDes extends JacksonStateSerDes {

  private static final Logger LOG = LoggerFactory.getLogger(QuietStateSerDes.class);

  private final JsonMapper json;

  QuietStateSerDes(JsonMapper json) {
    super(json);
    this.json = json;
  }

  @Override
  public State deserialize(String base64State) {
    try {
      byte[] decoded = Base64.getUrlDecoder().decode(base64State);
      return json.readValue(decoded, Argument.of(DefaultState.class));
    } catch (IOException | RuntimeException e) {
      LOG.debug("a callback's state is unreadable: {}", e.getClass().getSimpleName());
      return null;
    }
  }
}
