package org.takedown.gateway.console.signin;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.security.annotation.Secured;
import java.util.Map;
import org.takedown.gateway.auth.Roles;

/**
 * A console form as the pages will have them, for ConsoleAccessIT only: it shows that the CSRF
 * check, which reads the body first, leaves it whole for the controller.
 */
@Controller
@ConsoleEnabled
@Requires(property = FormEchoController.ENABLED, value = "true")
@Secured({Roles.LIAISON_OFFICER, Roles.ADMIN})
class FormEchoController {

  static final String ENABLED = "test.console.form-echo";

  @Post("/console/test/echo")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  @Produces(MediaType.TEXT_PLAIN)
  String echo(@Body Map<String, String> form) {
    return "reason=" + form.get("reason");
  }
}
