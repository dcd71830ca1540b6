package org.takedown.gateway.intake;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import java.net.URI;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.takedown.contracts.CaseView;
import org.takedown.gateway.auth.Roles;
import org.takedown.gateway.auth.Viewer;
import org.takedown.gateway.refusal.InvalidInput;
import org.takedown.gateway.refusal.MalformedJson;
import org.takedown.gateway.refusal.PlainText;
import org.takedown.gateway.refusal.Violation;
import org.takedown.gateway.status.CaseReads;
import org.takedown.gateway.web.JsonBody;

/** {@code POST /api/v1/cases}: internal services hand validated cases to the gateway. */
@Controller("/api/v1/cases")
@Secured({Roles.CASE_SUBMITTER, Roles.ADMIN})
@ExecuteOn(TaskExecutors.BLOCKING)
final class CaseIntakeController {

  private static final int MAX_KEY_LENGTH = 255;

  private final CaseSubmissionParser parser;
  private final SubmitCase submitCase;
  private final CaseReads cases;

  CaseIntakeController(CaseSubmissionParser parser, SubmitCase submitCase, CaseReads cases) {
    this.parser = parser;
    this.submitCase = submitCase;
    this.cases = cases;
  }

  @Post(consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
  HttpResponse<CaseView> submit(
      HttpRequest<?> request,
      @Nullable @Body byte[] body,
      @Nullable @Header("Idempotency-Key") String idempotencyKey,
      Authentication caller,
      Viewer viewer) {
    JsonNode tree =
        JsonBody.read(request, body)
            .orElseThrow(() -> new MalformedJson("the body is empty; a JSON object is expected"));
    Optional<IdempotencyKey> key = Optional.empty();
    if (idempotencyKey != null) {
      if (idempotencyKey.isEmpty()
          || idempotencyKey.length() > MAX_KEY_LENGTH
          || !PlainText.isPlain(idempotencyKey)) {
        throw new InvalidInput(
            List.of(
                new Violation(
                    "Idempotency-Key", "must be 1 to 255 characters, without control characters")));
      }
      key = Optional.of(new IdempotencyKey(idempotencyKey, sha256(body)));
    }
    NewCase newCase = parser.parse(tree);
    SubmitCase.Submitted submitted = submitCase.submit(caller.getName(), newCase, key);
    CaseView view =
        submitted.created().orElseGet(() -> cases.find(submitted.caseId(), viewer).orElseThrow());
    return HttpResponse.created(view, URI.create("/api/v1/cases/" + view.id()));
  }

  private static String sha256(byte[] body) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
