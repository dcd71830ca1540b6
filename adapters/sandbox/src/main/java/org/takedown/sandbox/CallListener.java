package org.takedown.sandbox;

import com.github.tomakehurst.wiremock.extension.Parameters;
import com.github.tomakehurst.wiremock.extension.ServeEventListener;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Records every counted call (creates, extensions) in its ledger before any stub answers it, so
 * that calls answered by a fault or by a stub a test added count too, and a count read after the
 * answer arrived includes the call.
 */
final class CallListener implements ServeEventListener {

  static final String NAME = "partner-sandbox-calls";

  /** One kind of call: which calls are of it, the reference each names, and its ledger. */
  record Counted(
      Predicate<Request> matches, Function<Request, String> referenceOf, CallLedger ledger) {}

  private final List<Counted> kinds;

  CallListener(List<Counted> kinds) {
    this.kinds = List.copyOf(kinds);
  }

  @Override
  public void beforeMatch(ServeEvent serveEvent, Parameters parameters) {
    Request request = serveEvent.getRequest();
    for (Counted kind : kinds) {
      if (kind.matches().test(request)) {
        kind.ledger().record(kind.referenceOf().apply(request));
        return;
      }
    }
  }

  @Override
  public boolean applyGlobally() {
    return true;
  }

  @Override
  public String getName() {
    return NAME;
  }
}
