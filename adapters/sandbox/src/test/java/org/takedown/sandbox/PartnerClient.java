package org.takedown.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.takedown.sandbox.SandboxHttp.json;
import static org.takedown.sandbox.SandboxHttp.object;
import static org.takedown.sandbox.SandboxHttp.toJson;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Calls a running sandbox the way the gateway's adapters do: creates, status reads and extensions
 * at each partner, with that partner's credentials, plus the sandbox's admin endpoint.
 */
final class PartnerClient {

  private final PartnerSandbox sandbox;
  private final Instant now;
  private final SandboxHttp http = new SandboxHttp();
  private String tiktokToken;
  private String googleToken;

  /** A client of a sandbox on the system clock. */
  PartnerClient(PartnerSandbox sandbox) {
    this(sandbox, Instant.now());
  }

  /** A client of a sandbox whose clock reads {@code now}, for Google's assertion times. */
  PartnerClient(PartnerSandbox sandbox, Instant now) {
    this.sandbox = sandbox;
    this.now = now;
  }

  /** Creates a Meta request of {@code requestType} and answers its id. */
  String createAtMeta(String reference, String requestType) throws Exception {
    Map<String, Object> body = Submissions.meta(reference);
    body.put("request_type", requestType);
    HttpResponse<String> response =
        http.postJson(
            sandbox.meta().baseUrl() + "/v21.0/" + MetaSimulator.AGENCY_ID + "/legal_requests",
            MetaSimulator.ACCESS_TOKEN,
            toJson(body));
    assertEquals(200, response.statusCode(), response.body());
    return (String) json(response).get("id");
  }

  Map<String, Object> metaStatus(String id) throws Exception {
    HttpResponse<String> response =
        http.get(
            sandbox.meta().baseUrl()
                + "/v21.0/"
                + id
                + "?fields=id,status,outcome,updated_time,preserved_until,decline_reason",
            MetaSimulator.ACCESS_TOKEN);
    assertEquals(200, response.statusCode(), response.body());
    return json(response);
  }

  HttpResponse<String> metaExtend(String id, String token) throws Exception {
    return http.postJson(sandbox.meta().baseUrl() + "/v21.0/" + id + "/extensions", token, "{}");
  }

  /** Creates a TikTok request of {@code requestType} and answers its request_id. */
  String createAtTikTok(String reference, String requestType) throws Exception {
    Map<String, Object> body = Submissions.tiktok(reference);
    body.put("request_type", requestType);
    HttpResponse<String> response =
        http.postJson(
            sandbox.tiktok().baseUrl() + "/v2/legal/requests/", tiktokToken(), toJson(body));
    assertEquals(200, response.statusCode(), response.body());
    return (String) object(json(response), "data").get("request_id");
  }

  /** The query entry of one TikTok request. */
  @SuppressWarnings("unchecked")
  Map<String, Object> tiktokStatus(String id) throws Exception {
    HttpResponse<String> response =
        http.postJson(
            sandbox.tiktok().baseUrl() + "/v2/legal/requests/query/",
            tiktokToken(),
            toJson(Map.of("request_ids", List.of(id))));
    assertEquals(200, response.statusCode(), response.body());
    List<Map<String, Object>> requests =
        (List<Map<String, Object>>) object(json(response), "data").get("requests");
    assertEquals(1, requests.size());
    return requests.get(0);
  }

  HttpResponse<String> tiktokExtend(String id) throws Exception {
    return http.postJson(
        sandbox.tiktok().baseUrl() + "/v2/legal/requests/extend/",
        tiktokToken(),
        toJson(Map.of("request_id", id)));
  }

  /** Creates a Google request of {@code requestType} and answers its operation. */
  Map<String, Object> createAtGoogle(String reference, String requestType) throws Exception {
    Map<String, Object> body = Submissions.google();
    body.put("requestType", requestType);
    HttpResponse<String> response =
        http.postJson(
            sandbox.google().baseUrl() + "/v1/legalRequests?requestId=" + reference,
            googleToken(),
            toJson(body));
    assertEquals(200, response.statusCode(), response.body());
    return json(response);
  }

  Map<String, Object> googlePoll(String operation) throws Exception {
    HttpResponse<String> response =
        http.get(sandbox.google().baseUrl() + "/v1/" + operation, googleToken());
    assertEquals(200, response.statusCode(), response.body());
    return json(response);
  }

  HttpResponse<String> googleExtend(String legalRequest) throws Exception {
    return http.postJson(
        sandbox.google().baseUrl() + "/v1/" + legalRequest + ":extendPreservation",
        googleToken(),
        "{}");
  }

  /** {@code POST} to the admin endpoint of the request for {@code reference}. */
  HttpResponse<String> admin(PartnerSimulator partner, String reference, String action, String body)
      throws Exception {
    return http.postJson(partner.adminUrl(reference) + "/" + action, null, body);
  }

  HttpResponse<String> adminRead(PartnerSimulator partner, String reference) throws Exception {
    return http.get(partner.adminUrl(reference), null);
  }

  String tiktokToken() throws Exception {
    if (tiktokToken == null) {
      tiktokToken =
          (String)
              json(http.postForm(
                      sandbox.tiktok().baseUrl() + "/v2/oauth/token/",
                      Map.of(
                          "client_key", TikTokSimulator.CLIENT_KEY,
                          "client_secret", TikTokSimulator.CLIENT_SECRET,
                          "grant_type", "client_credentials")))
                  .get("access_token");
    }
    return tiktokToken;
  }

  String googleToken() throws Exception {
    if (googleToken == null) {
      GoogleServiceAccountKey key =
          GoogleServiceAccountKey.read(sandbox.google().serviceAccountFile());
      googleToken =
          (String)
              json(http.postForm(
                      key.tokenUri(),
                      Map.of(
                          "grant_type",
                          GoogleApi.JWT_BEARER,
                          "assertion",
                          key.sign(key.claims(now).build()))))
                  .get("access_token");
    }
    return googleToken;
  }
}
