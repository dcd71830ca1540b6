package org.takedown.gateway.auth;

import io.micronaut.core.convert.ArgumentConversionContext;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.bind.binders.TypedRequestArgumentBinder;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.filters.SecurityFilter;
import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * Gives a controller method's {@link Viewer} parameter the viewer of the authenticated caller, by
 * the roles of GATEWAY-API.md: a {@code liaison-officer} or an {@code admin} reads everything,
 * anyone else (a {@code case-submitter}) only what its {@code sub} created. The one place where a
 * caller becomes a viewer.
 */
@Singleton
final class ViewerArgumentBinder implements TypedRequestArgumentBinder<Viewer> {

  private static final Argument<Viewer> TYPE = Argument.of(Viewer.class);

  @Override
  public Argument<Viewer> argumentType() {
    return TYPE;
  }

  @Override
  public BindingResult<Viewer> bind(
      ArgumentConversionContext<Viewer> context, HttpRequest<?> request) {
    if (!request.getAttributes().contains(SecurityFilter.KEY)) {
      // the security filter has not run yet: bind after it, as Micronaut's Authentication binder
      return BindingResult.unsatisfied();
    }
    Optional<Viewer> viewer =
        request.getUserPrincipal(Authentication.class).map(ViewerArgumentBinder::of);
    return () -> viewer;
  }

  /** The viewer {@code caller} is. A caller whose {@code sub} is unusable is refused earlier. */
  static Viewer of(Authentication caller) {
    if (caller.getRoles().contains(Roles.LIAISON_OFFICER)
        || caller.getRoles().contains(Roles.ADMIN)) {
      return new Viewer.Everyone();
    }
    return new Viewer.Submitter(caller.getName());
  }
}
