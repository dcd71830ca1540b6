package org.takedown.gateway.custody;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.takedown.platform.Platform;

/**
 * One exchange with a partner or one officer action, as the custody log keeps it: the exact bytes
 * of {@code content} are what the entry's {@code contentSha256} covers. The log gives it an index
 * (and builds its leaf input) only when it integrates it, after the writing transaction committed.
 *
 * @param at when it happened (kept to the microsecond, written RFC 3339 UTC in the leaf input)
 * @param requestId null only for a callback that matches no request
 * @param caseId null only for a callback that matches no request
 * @param platform the partner concerned; null for an officer action on no partner
 * @param actor the officer's {@code sub} for an officer action, {@code gateway} for a call the
 *     gateway makes, {@code meta} | {@code tiktok} | {@code google} for answers and callbacks
 * @param content the exact bytes (never a credential)
 */
public record CustodyEntry(
    CustodyKind kind,
    Instant at,
    UUID requestId,
    UUID caseId,
    Platform platform,
    String actor,
    byte[] content) {

  /** The actor of a call the gateway makes. */
  public static final String GATEWAY = "gateway";

  public CustodyEntry {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(content, "content");
    if (actor.isEmpty() || actor.length() > 256) {
      throw new IllegalArgumentException("an actor is 1 to 256 characters");
    }
    content = content.clone();
  }

  @Override
  public byte[] content() {
    return content.clone();
  }

  /** The bytes without a copy, for the writer. */
  byte[] contentBytes() {
    return content;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof CustodyEntry e
        && kind == e.kind
        && at.equals(e.at)
        && Objects.equals(requestId, e.requestId)
        && Objects.equals(caseId, e.caseId)
        && platform == e.platform
        && actor.equals(e.actor)
        && java.util.Arrays.equals(content, e.content);
  }

  @Override
  public int hashCode() {
    return Objects.hash(kind, at, requestId, caseId, platform, actor)
        + 31 * java.util.Arrays.hashCode(content);
  }

  @Override
  public String toString() {
    return "CustodyEntry[%s at %s, request %s, %d bytes]"
        .formatted(kind.wireName(), at, requestId, content.length);
  }
}
