package org.takedown.gateway.logs;

import io.micronaut.context.propagation.slf4j.MdcPropagationContext;
import io.micronaut.core.order.Ordered;
import io.micronaut.core.propagation.MutablePropagatedContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Gives every HTTP exchange its {@link RequestIds id} before anything else runs (security, routing,
 * the controllers), and answers it in {@value RequestIds#HEADER} on every response: problems, 401s,
 * 404s, webhooks and {@code /health} included.
 *
 * <p>The id enters the log context through Micronaut's propagated context rather than the event
 * loop thread's MDC: Micronaut applies it wherever it continues the request (the filters after this
 * one, the blocking executor of {@code @ExecuteOn} controllers, the error handlers) and takes it
 * off again afterwards, so no id outlives its request on a pooled thread.
 *
 * <p>At DEBUG (logger {@code org.takedown.gateway.logs}), one line per answered exchange: method,
 * path without its query, status and milliseconds.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
final class RequestIdFilter implements Ordered {

  private static final Logger LOG = LoggerFactory.getLogger(RequestIdFilter.class);
  private static final String STARTED = RequestIdFilter.class.getName() + ".started";

  @Override
  public int getOrder() {
    return ServerFilterPhase.FIRST.before();
  }

  @RequestFilter
  void identify(HttpRequest<?> request, MutablePropagatedContext context) {
    String id = RequestIds.takeOrMake(request.getHeaders().get(RequestIds.HEADER));
    request.setAttribute(RequestIds.ATTRIBUTE, id);
    if (LOG.isDebugEnabled()) {
      request.setAttribute(STARTED, System.nanoTime());
    }
    Map<String, String> mdc = MDC.getCopyOfContextMap();
    Map<String, String> state = mdc == null ? new HashMap<>() : new HashMap<>(mdc);
    state.put(LogFields.CORRELATION_ID, id);
    context.add(new MdcPropagationContext(state));
  }

  @ResponseFilter
  void answer(HttpRequest<?> request, MutableHttpResponse<?> response) {
    RequestIds.of(request).ifPresent(id -> response.getHeaders().set(RequestIds.HEADER, id));
    if (LOG.isDebugEnabled()) {
      Long started = request.getAttribute(STARTED, Long.class).orElse(null);
      LogContext.withCorrelationId(
          RequestIds.of(request).orElse(null),
          () ->
              LOG.atDebug()
                  .addKeyValue("status", response.code())
                  .addKeyValue(
                      "ms", started == null ? null : (System.nanoTime() - started) / 1_000_000)
                  .log(
                      "{} {} answered {}",
                      request.getMethodName(),
                      request.getPath(),
                      response.code()));
    }
  }
}
