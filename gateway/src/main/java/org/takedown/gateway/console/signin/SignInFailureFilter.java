package org.takedown.gateway.console.signin;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A sign-in that fails anywhere in Micronaut's OpenID flow (the provider refuses the code, the ID
 * token does not validate, the provider cannot be reached) shows the console's "sign-in failed"
 * page, with its status, instead of a JSON body meant for API clients.
 */
@ServerFilter("/console/sign-in/**")
@ConsoleEnabled
final class SignInFailureFilter {

  private static final Logger LOG = LoggerFactory.getLogger(SignInFailureFilter.class);

  @ResponseFilter
  void htmlOnFailure(HttpRequest<?> request, MutableHttpResponse<?> response) {
    if (response.code() < 400
        || response.getContentType().filter(t -> t.matches(MediaType.TEXT_HTML_TYPE)).isPresent()) {
      return;
    }
    LOG.info("console sign-in failed with status {}", response.code());
    @SuppressWarnings("unchecked")
    MutableHttpResponse<Object> page = (MutableHttpResponse<Object>) response;
    page.body(SignInPages.signInFailed())
        .contentType(MediaType.TEXT_HTML_TYPE.toString() + ";charset=utf-8")
        .header("Cache-Control", "no-store");
  }
}
