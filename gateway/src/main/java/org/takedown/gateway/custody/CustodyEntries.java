package org.takedown.gateway.custody;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;
import org.takedown.platform.Platform;

/** The entries the gateway writes of its own: officers' actions and partners' callbacks. */
public final class CustodyEntries {

  private CustodyEntries() {}

  /** A partner as the actor of its answers and callbacks: {@code meta}, {@code tiktok}, ... */
  public static String actorOf(Platform platform) {
    return platform.name().toLowerCase(Locale.ROOT);
  }

  /**
   * An {@code officer.action} entry: the UTF-8 JSON {@code {"action", "requestId", "reason",
   * "at"}}, in that order and without white space, {@code reason} null when the officer gave none.
   *
   * @param action {@code retry}, {@code cancel} or {@code extend-preservation}
   * @param officer the officer's {@code sub}, the entry's actor
   */
  public static CustodyEntry officerAction(
      String action,
      UUID requestId,
      UUID caseId,
      Platform platform,
      String reason,
      String officer,
      Instant at) {
    StringBuilder json = new StringBuilder(160);
    json.append("{\"action\":");
    LeafInput.string(json, action);
    json.append(",\"requestId\":");
    LeafInput.string(json, requestId.toString());
    json.append(",\"reason\":");
    LeafInput.string(json, reason);
    json.append(",\"at\":");
    LeafInput.string(json, LeafInput.rfc3339(at));
    json.append('}');
    return new CustodyEntry(
        CustodyKind.OFFICER_ACTION,
        at,
        requestId,
        caseId,
        platform,
        officer,
        json.toString().getBytes(StandardCharsets.UTF_8));
  }

  /**
   * A {@code partner.callback} entry: the raw body of a verified callback, about one request, or
   * about none ({@code requestId} and {@code caseId} null) when it matches no request.
   */
  public static CustodyEntry callback(
      Platform platform, UUID requestId, UUID caseId, byte[] body, Instant at) {
    return new CustodyEntry(
        CustodyKind.PARTNER_CALLBACK,
        at,
        requestId,
        caseId,
        platform,
        actorOf(platform),
        body == null ? new byte[0] : body);
  }
}
