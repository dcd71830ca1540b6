package org.takedown.gateway.web;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadFeature;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.jackson.core.tree.JsonNodeTreeCodec;
import io.micronaut.json.tree.JsonNode;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import org.takedown.gateway.refusal.MalformedJson;
import org.takedown.gateway.refusal.UnsupportedMediaType;

/**
 * Reads the JSON body of an API call ({@code POST /api/v1/cases}, a bulk retry from the dead
 * letter); every endpoint under {@code /api} that takes a JSON body reads it here, so that they all
 * refuse the same things:
 *
 * <ul>
 *   <li>a body whose {@code Content-Type} is not {@code application/json} (any case), or names a
 *       charset other than UTF-8 (RFC 8259: JSON between systems is UTF-8), or is missing, empty or
 *       unparseable: {@link UnsupportedMediaType}, a 415. Parameters other than {@code charset} are
 *       ignored;
 *   <li>a body that is not exactly one JSON value with nothing but white space after it ({@code
 *       {...} trailing}, {@code {...}{...}}), that is not UTF-8, that names a member twice in one
 *       object, or that nests deeper than Jackson's default limit (1000): {@link MalformedJson}, a
 *       400.
 * </ul>
 *
 * An absent or empty body is no body: the endpoint decides what that means, and no Content-Type is
 * asked of it. The webhooks read their partners' bodies themselves, in the partners' own terms.
 */
public final class JsonBody {

  // a member named twice would be read as its last value, where another reader of the same body
  // (a proxy, an auditor) may take the first: {"dryRun": true, "dryRun": false}
  private static final JsonFactory JSON =
      JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

  private JsonBody() {}

  /**
   * The body's JSON value; empty when there is no body.
   *
   * @throws UnsupportedMediaType when a body comes with another Content-Type than JSON in UTF-8
   * @throws MalformedJson when the body is not exactly one JSON value
   */
  public static Optional<JsonNode> read(HttpRequest<?> request, byte[] body) {
    if (body == null || body.length == 0) {
      return Optional.empty();
    }
    requireJson(request.getHeaders().get(HttpHeaders.CONTENT_TYPE));
    if (holdsZeroByte(body)) {
      // UTF-16 and UTF-32 spell every JSON structural character with zero bytes, and Jackson would
      // decode them; UTF-8 JSON holds none (a NUL in a string must be escaped)
      throw new MalformedJson("the body is not JSON in UTF-8");
    }
    JsonNode value;
    boolean more;
    try (JsonParser parser = JSON.createParser(body)) {
      value = JsonNodeTreeCodec.getInstance().readTree(parser);
      more = parser.nextToken() != null;
    } catch (IOException | RuntimeException e) {
      throw new MalformedJson("the body is not valid JSON");
    }
    if (more) {
      throw new MalformedJson("the body holds more than one JSON value");
    }
    return Optional.of(value);
  }

  private static boolean holdsZeroByte(byte[] body) {
    for (byte b : body) {
      if (b == 0) {
        return true;
      }
    }
    return false;
  }

  private static void requireJson(String contentType) {
    if (contentType == null || contentType.isBlank()) {
      throw new UnsupportedMediaType("a body must come with Content-Type: application/json");
    }
    MediaType type;
    try {
      type = MediaType.of(contentType);
    } catch (RuntimeException unparseable) {
      // MediaType refuses what has no subtype, and a charset the JVM does not know
      throw notJson();
    }
    if (!"application".equalsIgnoreCase(type.getType())
        || !"json".equalsIgnoreCase(type.getSubtype())) {
      throw notJson();
    }
    for (Map.Entry<CharSequence, String> parameter : type.getParametersMap().entrySet()) {
      if ("charset".equalsIgnoreCase(parameter.getKey().toString())
          && !"utf-8".equalsIgnoreCase(parameter.getValue())) {
        throw notJson();
      }
    }
  }

  private static UnsupportedMediaType notJson() {
    return new UnsupportedMediaType(
        "the body must be application/json, in UTF-8 (charset=utf-8 or no charset)");
  }
}
