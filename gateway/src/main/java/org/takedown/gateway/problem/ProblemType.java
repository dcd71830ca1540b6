package org.takedown.gateway.problem;

import java.net.URI;
import org.takedown.gateway.refusal.DuplicateCase;
import org.takedown.gateway.refusal.IdempotencyKeyReused;
import org.takedown.gateway.refusal.InvalidInput;
import org.takedown.gateway.refusal.MalformedJson;
import org.takedown.gateway.refusal.NotFound;
import org.takedown.gateway.refusal.PartnerUnavailable;
import org.takedown.gateway.refusal.Refusal;
import org.takedown.gateway.refusal.StateConflict;
import org.takedown.gateway.refusal.UnsupportedMediaType;
import org.takedown.gateway.refusal.UnverifiedCallback;

/** Every kind of problem the gateway answers, each with a stable type URI and a fixed title. */
public enum ProblemType {
  MALFORMED_JSON(400, "malformed-json", "Malformed JSON"),
  BAD_REQUEST(400, "bad-request", "Bad request"),
  UNAUTHENTICATED(401, "unauthenticated", "Authentication required"),
  FORBIDDEN(403, "forbidden", "Not allowed"),
  NOT_FOUND(404, "not-found", "Not found"),
  METHOD_NOT_ALLOWED(405, "method-not-allowed", "Method not allowed"),
  NOT_ACCEPTABLE(406, "not-acceptable", "Not acceptable"),
  DUPLICATE_CASE(409, "duplicate-case", "Duplicate case"),
  STATE_CONFLICT(409, "state-conflict", "Not allowed in the current state"),
  PAYLOAD_TOO_LARGE(413, "payload-too-large", "Payload too large"),
  URI_TOO_LONG(414, "uri-too-long", "URI too long"),
  UNSUPPORTED_MEDIA_TYPE(415, "unsupported-media-type", "Unsupported media type"),
  VALIDATION(422, "validation", "Invalid request"),
  HEADERS_TOO_LARGE(431, "headers-too-large", "Request header fields too large"),
  IDEMPOTENCY_KEY_REUSED(422, "idempotency-key-reused", "Idempotency-Key reused"),
  CALLBACK_UNREADABLE(400, "callback-unreadable", "Callback unreadable"),
  CALLBACK_UNVERIFIED(401, "callback-unverified", "Callback not verified"),
  CALLBACK_FORBIDDEN(403, "callback-forbidden", "Callback refused"),
  PARTNER_REFUSED(409, "partner-refused", "Partner refused"),
  PARTNER_UNAVAILABLE(502, "partner-unavailable", "Partner unavailable"),
  SERVICE_UNAVAILABLE(503, "service-unavailable", "Service unavailable"),
  INTERNAL(500, "internal", "Internal error");

  private static final String BASE = "urn:takedown-gateway:problem:";

  private final int status;
  private final URI type;
  private final String title;

  ProblemType(int status, String slug, String title) {
    this.status = status;
    this.type = URI.create(BASE + slug);
    this.title = title;
  }

  public int status() {
    return status;
  }

  public URI type() {
    return type;
  }

  public String title() {
    return title;
  }

  /** The problem a refusal of the domain is answered with (RefusalHandler), and shown as. */
  public static ProblemType of(Refusal refusal) {
    if (refusal instanceof InvalidInput) {
      return VALIDATION;
    } else if (refusal instanceof MalformedJson) {
      return MALFORMED_JSON;
    } else if (refusal instanceof NotFound) {
      return NOT_FOUND;
    } else if (refusal instanceof DuplicateCase) {
      return DUPLICATE_CASE;
    } else if (refusal instanceof IdempotencyKeyReused) {
      return IDEMPOTENCY_KEY_REUSED;
    } else if (refusal instanceof StateConflict) {
      return STATE_CONFLICT;
    } else if (refusal instanceof UnsupportedMediaType) {
      return UNSUPPORTED_MEDIA_TYPE;
    } else if (refusal instanceof UnverifiedCallback callback) {
      return switch (callback.status()) {
        case 400 -> CALLBACK_UNREADABLE;
        case 403 -> CALLBACK_FORBIDDEN;
        default -> CALLBACK_UNVERIFIED;
      };
    } else if (refusal instanceof PartnerUnavailable unavailable) {
      return unavailable.refusedForGood() ? PARTNER_REFUSED : PARTNER_UNAVAILABLE;
    }
    throw new IllegalStateException("unmapped refusal " + refusal.getClass().getName());
  }

  /** The last part of {@link #type()}: {@code state-conflict}. */
  public String slug() {
    return type.toString().substring(BASE.length());
  }

  /** The type Micronaut's own errors (routing, body limits, codecs) map to, by status. */
  static ProblemType forStatus(int status) {
    return switch (status) {
      case 400 -> BAD_REQUEST;
      case 401 -> UNAUTHENTICATED;
      case 403 -> FORBIDDEN;
      case 404 -> NOT_FOUND;
      case 405 -> METHOD_NOT_ALLOWED;
      case 406 -> NOT_ACCEPTABLE;
      case 413 -> PAYLOAD_TOO_LARGE;
      case 414 -> URI_TOO_LONG;
      case 415 -> UNSUPPORTED_MEDIA_TYPE;
      case 422 -> VALIDATION;
      case 431 -> HEADERS_TOO_LARGE;
      case 503 -> SERVICE_UNAVAILABLE;
      default -> status >= 500 ? INTERNAL : BAD_REQUEST;
    };
  }
}
