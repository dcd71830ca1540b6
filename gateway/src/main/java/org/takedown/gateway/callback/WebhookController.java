package org.takedown.gateway.callback;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.takedown.gateway.refusal.NotFound;
import org.takedown.gateway.refusal.UnverifiedCallback;
import org.takedown.platform.CallbackOutcome;
import org.takedown.platform.CallbackRequest;
import org.takedown.platform.PartnerCallbacks;
import org.takedown.platform.PartnerUpdate;
import org.takedown.platform.Platform;

/**
 * {@code /webhooks/meta|tiktok|google}: partners report back here, each in its own scheme. Each
 * callback is verified by its partner's {@link PartnerCallbacks} on the raw bytes before anything
 * in it is trusted; a refused one changes nothing, and is counted and logged without its body by
 * {@link RefusedCallbacks} (at most one line a minute per partner). Verified updates (Meta's and
 * TikTok's, signed over their bodies) go through {@link ApplyPartnerUpdate}; hints (Google's
 * pushes, whose token does not vouch for their bodies) make the named requests' polls due through
 * {@link PollOnHint}. The answer is 2xx even for ignored, duplicate or unknown requests, so that
 * partners stop redelivering.
 */
@Controller("/webhooks")
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
final class WebhookController {

  private final Map<Platform, PartnerCallbacks> callbacks = new EnumMap<>(Platform.class);
  private final ApplyVerifiedCallback applyCallback;
  private final PollOnHint pollOnHint;
  private final RefusedCallbacks refusals;

  WebhookController(
      List<PartnerCallbacks> callbacks,
      ApplyVerifiedCallback applyCallback,
      PollOnHint pollOnHint,
      RefusedCallbacks refusals) {
    callbacks.forEach(c -> this.callbacks.put(c.platform(), c));
    this.applyCallback = applyCallback;
    this.pollOnHint = pollOnHint;
    this.refusals = refusals;
  }

  @Get(uri = "/meta", produces = MediaType.TEXT_PLAIN)
  HttpResponse<?> metaHandshake(HttpRequest<?> request) {
    return receive(Platform.META, request, null);
  }

  @Post(uri = "/{partner}", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
  HttpResponse<?> callback(String partner, HttpRequest<?> request, @Nullable @Body byte[] body) {
    Platform platform;
    try {
      platform = Platform.valueOf(partner.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new NotFound("no webhook for " + partner);
    }
    return receive(platform, request, body);
  }

  private HttpResponse<?> receive(Platform platform, HttpRequest<?> request, byte[] body) {
    PartnerCallbacks partner = callbacks.get(platform);
    if (partner == null) {
      throw new NotFound(platform + " is not configured on this gateway");
    }
    CallbackOutcome outcome = partner.receive(toCallbackRequest(request, body));
    if (outcome instanceof CallbackOutcome.Handshake handshake) {
      return HttpResponse.ok(handshake.body()).contentType(MediaType.TEXT_PLAIN_TYPE);
    }
    if (outcome instanceof CallbackOutcome.Refused refused) {
      refusals.refused(platform, refused.code().label(), refused.status(), refused.reason());
      throw new UnverifiedCallback(refused.status() == 403 ? 403 : 401);
    }
    if (outcome instanceof CallbackOutcome.Unreadable unreadable) {
      refusals.refused(platform, RefusedCallbacks.UNREADABLE, 400, unreadable.reason());
      throw new UnverifiedCallback(400);
    }
    if (outcome instanceof CallbackOutcome.Hint hint) {
      // answered at once: the poll it asks for goes through the polling lane, not this request
      return HttpResponse.ok(Map.of("received", pollOnHint.receive(platform, hint, body).size()));
    }
    List<PartnerUpdate> updates = ((CallbackOutcome.Verified) outcome).updates();
    applyCallback.receive(platform, body, updates);
    return HttpResponse.ok(Map.of("received", updates.size()));
  }

  private static CallbackRequest toCallbackRequest(HttpRequest<?> request, byte[] body) {
    Map<String, List<String>> headers = new TreeMap<>();
    for (String name : request.getHeaders().names()) {
      headers.put(name.toLowerCase(Locale.ROOT), request.getHeaders().getAll(name));
    }
    Map<String, List<String>> query = new TreeMap<>();
    for (String name : request.getParameters().names()) {
      query.put(name, request.getParameters().getAll(name));
    }
    return new CallbackRequest(request.getMethodName(), headers, query, body);
  }
}
