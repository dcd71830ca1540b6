package org.takedown.sandbox;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import java.util.Map;

/** WireMock response definitions with a JSON body. */
final class JsonResponse {

  private JsonResponse() {}

  static ResponseDefinition of(int status, Map<String, ?> body) {
    return of(status, JsonText.write(body), Map.of());
  }

  static ResponseDefinition of(int status, String json, Map<String, String> headers) {
    ResponseDefinitionBuilder response =
        ResponseDefinitionBuilder.responseDefinition().withStatus(status).withBody(json);
    if (headers.keySet().stream().noneMatch("Content-Type"::equalsIgnoreCase)) {
      response.withHeader("Content-Type", "application/json; charset=UTF-8");
    }
    headers.forEach(response::withHeader);
    return response.build();
  }
}
