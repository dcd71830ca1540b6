package org.takedown.gateway.console.signin;

import io.micronaut.core.convert.ArgumentConversionContext;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.bind.binders.TypedRequestArgumentBinder;
import io.micronaut.security.filters.SecurityFilter;
import jakarta.inject.Singleton;
import java.util.Optional;

/** Gives a console controller method's {@link ConsoleSession} parameter the request's session. */
@Singleton
@ConsoleEnabled
final class ConsoleSessionBinder implements TypedRequestArgumentBinder<ConsoleSession> {

  private static final Argument<ConsoleSession> TYPE = Argument.of(ConsoleSession.class);

  @Override
  public Argument<ConsoleSession> argumentType() {
    return TYPE;
  }

  @Override
  public BindingResult<ConsoleSession> bind(
      ArgumentConversionContext<ConsoleSession> context, HttpRequest<?> source) {
    if (!source.getAttributes().contains(SecurityFilter.KEY)) {
      return BindingResult.unsatisfied();
    }
    Optional<ConsoleSession> session = ConsoleSession.of(source);
    return () -> session;
  }
}
