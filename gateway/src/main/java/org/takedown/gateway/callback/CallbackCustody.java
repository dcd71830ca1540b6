package org.takedown.gateway.callback;

import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.takedown.gateway.custody.CustodyEntries;
import org.takedown.gateway.custody.CustodyLog;
import org.takedown.gateway.tracking.TrackedRequest;
import org.takedown.platform.Platform;

/**
 * The {@code partner.callback} entries of one verified callback: its raw body once for each request
 * it concerns, written in the transaction that handles what it says about that request; or once
 * with no request when it matches none.
 */
final class CallbackCustody {

  private final CustodyLog custody;
  private final Platform platform;
  private final byte[] body;
  private final Instant at;
  private final Set<java.util.UUID> logged = new HashSet<>();

  CallbackCustody(CustodyLog custody, Platform platform, byte[] body, Instant at) {
    this.custody = custody;
    this.platform = platform;
    this.body = body == null ? new byte[0] : body;
    this.at = at;
  }

  /** In the caller's transaction: the callback concerns {@code request}, if there is one. */
  void concerns(Optional<TrackedRequest> request) {
    if (request.isPresent() && logged.add(request.get().id())) {
      custody.record(
          CustodyEntries.callback(platform, request.get().id(), request.get().caseId(), body, at));
    }
  }

  /**
   * In the caller's transaction, at the end: a callback that matched no request, logged as such.
   */
  void unmatchedIfNone() {
    if (logged.isEmpty()) {
      custody.record(CustodyEntries.callback(platform, null, null, body, at));
    }
  }
}
