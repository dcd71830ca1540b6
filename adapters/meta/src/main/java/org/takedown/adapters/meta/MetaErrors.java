package org.takedown.adapters.meta;

import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.takedown.platform.PartnerFailure;

/**
 * Classifies a non-2xx Graph answer into the port's failure vocabulary by its error envelope
 * (PARTNERS.md, Meta "Errors"). Graph puts its meaning in {@code error.code}, not in the HTTP
 * status: rate limits come as 400 or 403.
 */
final class MetaErrors {

  private static final Set<Integer> RATE_LIMIT_CODES = Set.of(4, 17, 32, 613);
  private static final int INVALID_TOKEN = 190;
  private static final int INVALID_PARAMETER = 100;
  private static final Set<Integer> TRANSIENT_CODES = Set.of(1, 2);
  private static final Pattern PLAIN_WORD = Pattern.compile("[A-Za-z0-9_\\-]{1,64}");

  private final JsonMapper json;

  MetaErrors(JsonMapper json) {
    this.json = json;
  }

  PartnerFailure classify(MetaHttp.Answer answer) {
    Optional<GraphErrorEnvelope.GraphError> error = parse(answer.body());
    if (error.isEmpty()) {
      return classifyWithoutEnvelope(answer);
    }
    GraphErrorEnvelope.GraphError e = error.get();
    int code = e.code();
    String label = label(e, answer.status());
    if (RATE_LIMIT_CODES.contains(code)) {
      Optional<Duration> hint =
          answer
              .businessUseCaseUsage()
              .flatMap(header -> BusinessUseCaseUsage.regainAccessDelay(header, json));
      return new PartnerFailure.RetryLater(hint, label + ": rate limited");
    }
    if (code == INVALID_TOKEN) {
      return new PartnerFailure.Unauthorized(label + ": access token invalid or expired");
    }
    if (TRANSIENT_CODES.contains(code) || Boolean.TRUE.equals(e.isTransient())) {
      return PartnerFailure.RetryLater.withoutHint(label + ": transient");
    }
    if (answer.status() == 429) {
      return PartnerFailure.RetryLater.withoutHint(label + ": too many requests");
    }
    if (code == INVALID_PARAMETER) {
      return new PartnerFailure.Rejected(String.valueOf(code), label + ": invalid parameter");
    }
    if (answer.status() >= 500) {
      return PartnerFailure.RetryLater.withoutHint(label + ": server error");
    }
    if (answer.status() >= 400) {
      return new PartnerFailure.Rejected(String.valueOf(code), label);
    }
    return PartnerFailure.RetryLater.withoutHint(label + ": unexpected");
  }

  /** An answer without a Graph envelope came from something in front of Graph, or broke. */
  private static PartnerFailure classifyWithoutEnvelope(MetaHttp.Answer answer) {
    int status = answer.status();
    String label = "Meta HTTP " + status + " without a Graph error";
    if (status == 401) {
      return new PartnerFailure.Unauthorized(label);
    }
    if (status == 408 || status == 429 || status >= 500) {
      return PartnerFailure.RetryLater.withoutHint(label);
    }
    if (status >= 400) {
      return new PartnerFailure.Rejected("HTTP " + status, label);
    }
    return PartnerFailure.RetryLater.withoutHint(label);
  }

  private Optional<GraphErrorEnvelope.GraphError> parse(byte[] body) {
    if (body.length == 0) {
      return Optional.empty();
    }
    try {
      GraphErrorEnvelope envelope = json.readValue(body, GraphErrorEnvelope.class);
      return Optional.ofNullable(envelope)
          .map(GraphErrorEnvelope::error)
          .filter(error -> error.code() != null);
    } catch (IOException | RuntimeException unreadable) {
      return Optional.empty();
    }
  }

  /** "Meta error 100/33 over HTTP 400 (OAuthException, fbtrace_id X)"; never the message text. */
  private static String label(GraphErrorEnvelope.GraphError error, int status) {
    StringBuilder label = new StringBuilder("Meta error ").append(error.code());
    if (error.subcode() != null && error.subcode() != 0) {
      label.append('/').append(error.subcode());
    }
    label.append(" over HTTP ").append(status);
    List<String> facts = new ArrayList<>();
    plainWord(error.type()).ifPresent(facts::add);
    plainWord(error.fbtraceId()).map(trace -> "fbtrace_id " + trace).ifPresent(facts::add);
    if (!facts.isEmpty()) {
      label.append(" (").append(String.join(", ", facts)).append(')');
    }
    return label.toString();
  }

  /** Partner words go into reasons only when they are short identifiers, never free text. */
  private static Optional<String> plainWord(String value) {
    return Optional.ofNullable(value).filter(v -> PLAIN_WORD.matcher(v).matches());
  }
}
