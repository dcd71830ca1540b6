package org.takedown.platform;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A partner's callback exactly as it arrived: the raw body bytes (signatures are computed over
 * them, so they are never re-serialised), the headers and the query parameters.
 *
 * @param headers header names in lower case
 */
public record CallbackRequest(
    String method,
    Map<String, List<String>> headers,
    Map<String, List<String>> query,
    byte[] body) {

  public CallbackRequest {
    headers = Map.copyOf(headers);
    query = Map.copyOf(query);
    body = body == null ? new byte[0] : body;
  }

  public Optional<String> header(String name) {
    List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  public Optional<String> queryParameter(String name) {
    List<String> values = query.get(name);
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }
}
