package org.takedown.sandbox;

import com.github.tomakehurst.wiremock.extension.Parameters;
import com.github.tomakehurst.wiremock.extension.ServeEventListener;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Records every create call in the ledger before any stub answers it, so that calls answered by a
 * fault or by a stub a test added count too, and a count read after the answer arrived includes the
 * call.
 */
final class CreateCallListener implements ServeEventListener {

  static final String NAME = "partner-sandbox-create-calls";

  private final Predicate<Request> isCreateCall;
  private final Function<Request, String> referenceOf;
  private final CreateCallLedger ledger;

  CreateCallListener(
      Predicate<Request> isCreateCall,
      Function<Request, String> referenceOf,
      CreateCallLedger ledger) {
    this.isCreateCall = isCreateCall;
    this.referenceOf = referenceOf;
    this.ledger = ledger;
  }

  @Override
  public void beforeMatch(ServeEvent serveEvent, Parameters parameters) {
    Request request = serveEvent.getRequest();
    if (isCreateCall.test(request)) {
      ledger.record(referenceOf.apply(request));
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
