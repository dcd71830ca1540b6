package org.takedown.gateway.callback;

import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionOperations;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.takedown.gateway.request.PgTime;
import org.takedown.gateway.testing.Api;
import org.takedown.gateway.testing.Cases;
import org.takedown.gateway.testing.Requests;
import org.takedown.gateway.testing.TestGateway;
import org.takedown.platform.Platform;
import org.takedown.sandbox.CallbackDelivery;
import org.takedown.sandbox.PartnerSimulator;

/**
 * A gateway under test as its webhooks see it: requests submitted through the API and followed to
 * SUBMITTED, raw posts to {@code /webhooks/{partner}}, the requests' state and history as officers
 * read them, and the orphaned callbacks it kept.
 */
final class CallbackFixture {

  private static final Duration PATIENCE = Duration.ofSeconds(20);
  private static final HttpClient ADMIN = HttpClient.newHttpClient();

  private final Api api;
  private final Requests requests;
  private final JdbcOperations jdbc;
  private final TransactionOperations<Connection> transactions;

  CallbackFixture(Api api, JdbcOperations jdbc, TransactionOperations<Connection> transactions) {
    this.api = api;
    this.requests = new Requests(api);
    this.jdbc = jdbc;
    this.transactions = transactions;
  }

  /**
   * A request the partner accepted: the gateway's id (the sandbox's reference) and the partner's.
   */
  record Submitted(String id, String partnerRef) {}

  /** Submits a one-item TAKEDOWN case for {@code url} and waits until the partner accepted it. */
  Submitted submitted(String url) {
    return submitted(url, "TAKEDOWN");
  }

  /** As {@link #submitted(String)}, for {@code action} (TAKEDOWN or PRESERVATION). */
  Submitted submitted(String url, String action) {
    Map<String, Object> body = Cases.sample();
    body.put("items", List.of(Cases.item(url, action)));
    String id = (String) requests.submit(body).get(0).get("id");
    String partnerRef = (String) requests.awaitStatus(id, "SUBMITTED").get("partnerRef");
    return new Submitted(id, partnerRef);
  }

  /** The request as an officer reads it, history included. */
  Map<String, Object> request(String id) {
    return requests.get(id);
  }

  Map<String, Object> awaitStatus(String id, String status) {
    return requests.awaitStatus(id, status);
  }

  List<Map<String, Object>> history(String id) {
    return requests.history(id);
  }

  Map<String, Object> lastHistoryLine(String id) {
    List<Map<String, Object>> history = history(id);
    return history.get(history.size() - 1);
  }

  /** Waits until the request's history has {@code lines} lines, and answers it. */
  List<Map<String, Object>> awaitHistory(String id, int lines) {
    await().atMost(PATIENCE).until(() -> history(id).size() >= lines);
    List<Map<String, Object>> history = history(id);
    assertEquals(lines, history.size(), history.toString());
    return history;
  }

  /** POSTs {@code body} to {@code /webhooks/{partner}} as is, with the given header pairs. */
  Api.Answer postCallback(String partner, String body, String... headers) {
    return api.post("/webhooks/" + partner, null, body, headers);
  }

  /** {@link #postCallback} for a delivery that breaks the OpenAPI document on purpose. */
  Api.Answer postInvalidCallback(String partner, String body, String... headers) {
    return api.withInvalidRequest().post("/webhooks/" + partner, null, body, headers);
  }

  Api.Answer get(String pathAndQuery) {
    return api.get(pathAndQuery, null);
  }

  /** {@link #get} for a request that breaks the OpenAPI document on purpose. */
  Api.Answer getInvalid(String pathAndQuery) {
    return api.withInvalidRequest().get(pathAndQuery, null);
  }

  /**
   * Waits until the sandbox finished {@code count} callbacks about the request, and asserts the
   * gateway acknowledged each.
   */
  static List<CallbackDelivery> awaitDeliveries(
      PartnerSimulator partner, String reference, int count) {
    await().atMost(PATIENCE).until(() -> deliveries(partner, reference).size() >= count);
    List<CallbackDelivery> deliveries = deliveries(partner, reference);
    assertEquals(count, deliveries.size(), deliveries.toString());
    for (CallbackDelivery delivery : deliveries) {
      assertTrue(delivery.delivered(), delivery.toString());
      assertEquals(200, delivery.statusCode(), delivery.toString());
      assertEquals(1, delivery.attempts(), "acknowledged at once: " + delivery);
    }
    return deliveries;
  }

  private static List<CallbackDelivery> deliveries(PartnerSimulator partner, String reference) {
    return partner.callbacks().stream().filter(d -> reference.equals(d.reference())).toList();
  }

  /**
   * Moves the sandbox's request on through its admin endpoint with {@code "callback": false}: the
   * partner has decided, and its notice is the test's to send. {@code action} is {@code review},
   * {@code complete} or {@code decline}; {@code word} the outcome or reason, null for a review.
   */
  static void decideWithoutCallback(
      PartnerSimulator partner, String reference, String action, String word) {
    String body =
        switch (action) {
          case "review" -> "{\"callback\": false}";
          case "complete" -> "{\"outcome\": \"" + word + "\", \"callback\": false}";
          case "decline" -> "{\"reason\": \"" + word + "\", \"callback\": false}";
          default -> throw new IllegalArgumentException(action);
        };
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(partner.adminUrl(reference) + "/" + action))
            .timeout(PATIENCE)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    try {
      HttpResponse<String> answer = ADMIN.send(request, HttpResponse.BodyHandlers.ofString());
      assertEquals(200, answer.statusCode(), answer.body());
      assertTrue(answer.body().contains("\"callback\":\"muted\""), answer.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** The Google operation name the gateway keeps for polling the request. */
  String partnerOperation(String id) {
    return transactions.executeRead(
        status ->
            jdbc.prepareStatement(
                "SELECT partner_operation FROM takedown_request WHERE id = ?",
                statement -> {
                  statement.setObject(1, UUID.fromString(id));
                  try (ResultSet rows = statement.executeQuery()) {
                    assertTrue(rows.next(), "no request " + id);
                    return rows.getString(1);
                  }
                }));
  }

  /** The polling columns of a request, which the API does not show. */
  record PollColumns(Instant nextPollAt, Instant pollHintedAt, UUID leaseToken) {}

  PollColumns pollColumns(String id) {
    return transactions.executeRead(
        status ->
            jdbc.prepareStatement(
                "SELECT next_poll_at, poll_hinted_at, lease_token FROM takedown_request"
                    + " WHERE id = ?",
                statement -> {
                  statement.setObject(1, UUID.fromString(id));
                  try (ResultSet rows = statement.executeQuery()) {
                    assertTrue(rows.next(), "no request " + id);
                    return new PollColumns(
                        PgTime.get(rows, "next_poll_at"),
                        PgTime.get(rows, "poll_hinted_at"),
                        rows.getObject("lease_token", UUID.class));
                  }
                }));
  }

  /** The status reads ({@code GET /v1/{operation}}) Google's sandbox received about the request. */
  int googlePolls(String id) {
    return TestGateway.sandbox()
        .google()
        .wireMock()
        .countRequestsMatching(
            getRequestedFor(urlPathEqualTo("/v1/" + partnerOperation(id))).build())
        .getCount();
  }

  /**
   * Waits until Google's sandbox was asked about the request {@code polls} times and the last poll
   * is over (its answer applied, the lease let go, the next poll scheduled ahead), and asserts it
   * was asked exactly that often.
   */
  void awaitGooglePolls(String id, int polls) {
    await()
        .atMost(PATIENCE)
        .until(
            () -> {
              if (googlePolls(id) < polls) {
                return false;
              }
              PollColumns columns = pollColumns(id);
              return columns.leaseToken() == null
                  && (columns.nextPollAt() == null || columns.nextPollAt().isAfter(Instant.now()));
            });
    assertEquals(polls, googlePolls(id), "status reads of " + id);
  }

  /** The rows of {@code callback_orphan} about {@code partnerRef}, oldest first. */
  List<Map<String, Object>> orphans(Platform platform, String partnerRef) {
    return transactions.executeRead(
        status ->
            jdbc.prepareStatement(
                "SELECT platform, partner_ref, state, outcome, detail FROM callback_orphan"
                    + " WHERE platform = ? AND partner_ref = ? ORDER BY id",
                statement -> {
                  statement.setString(1, platform.name());
                  statement.setString(2, partnerRef);
                  List<Map<String, Object>> orphans = new ArrayList<>();
                  try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                      Map<String, Object> row = new LinkedHashMap<>();
                      for (String column :
                          List.of("platform", "partner_ref", "state", "outcome", "detail")) {
                        row.put(column, rows.getString(column));
                      }
                      orphans.add(row);
                    }
                  }
                  return orphans;
                }));
  }
}
