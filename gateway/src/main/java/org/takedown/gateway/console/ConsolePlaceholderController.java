package org.takedown.gateway.console;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import io.micronaut.security.annotation.Secured;
import org.takedown.gateway.auth.Roles;
import org.takedown.gateway.console.signin.ConsoleEnabled;
import org.takedown.gateway.console.signin.ConsoleSession;
import org.takedown.gateway.console.signin.SignInPages;

/**
 * {@code GET /console} until the console's pages exist: says who is signed in and offers the
 * sign-out form. The work queue replaces it (delete this class then).
 */
@Controller
@ConsoleEnabled
@Secured({Roles.LIAISON_OFFICER, Roles.ADMIN})
final class ConsolePlaceholderController {

  @Get("/console")
  @Produces(MediaType.TEXT_HTML)
  HttpResponse<String> queue(ConsoleSession session) {
    return SignInPages.respond(
        HttpStatus.OK,
        "<!DOCTYPE html><html lang=\"fr\"><head><meta charset=\"utf-8\">"
            + "<title>Console · Takedown Gateway</title></head><body><main>"
            + "<h1>Console des officiers de liaison</h1><p>Connecté en tant que <strong"
            + " id=\"signed-in-as\">"
            + SignInPages.escape(session.displayName())
            + "</strong> ("
            + SignInPages.escape(String.join(", ", session.roles()))
            + ").</p>"
            + SignInPages.signOutForm(session)
            + "</main></body></html>");
  }
}
