package org.takedown.gateway.intake;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.takedown.gateway.request.PgTime;

/**
 * Writes new cases, their items and requests, and Idempotency-Key records. Joins the caller's
 * transaction.
 */
@Singleton
final class CaseStore {

  /** A request as intake creates it: PENDING and due for dispatch at once. */
  record NewRequest(
      UUID id,
      int itemPosition,
      String platform,
      String action,
      String url,
      String canonicalUrl,
      String contentId,
      Instant dueAt) {}

  /** What an Idempotency-Key was first used for. */
  record KeyUse(String bodySha256, UUID caseId) {}

  private final JdbcOperations jdbc;

  CaseStore(JdbcOperations jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Takes the key for this submission. When another transaction holds it, PostgreSQL makes this one
   * wait for that one's outcome, so two concurrent uses of one key never both create a case.
   */
  boolean claimKey(String submitter, String key, String bodySha256, Instant now) {
    return jdbc.prepareStatement(
            "INSERT INTO idempotency_record (submitter, idempotency_key, body_sha256, created_at)"
                + " VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
            statement -> {
              statement.setString(1, submitter);
              statement.setString(2, key);
              statement.setString(3, bodySha256);
              PgTime.set(statement, 4, now);
              return statement.executeUpdate();
            })
        == 1;
  }

  Optional<KeyUse> keyUse(String submitter, String key) {
    return jdbc.prepareStatement(
        "SELECT body_sha256, case_id FROM idempotency_record"
            + " WHERE submitter = ? AND idempotency_key = ?",
        statement -> {
          statement.setString(1, submitter);
          statement.setString(2, key);
          try (ResultSet rows = statement.executeQuery()) {
            return rows.next()
                ? Optional.of(
                    new KeyUse(
                        rows.getString("body_sha256"), rows.getObject("case_id", UUID.class)))
                : Optional.<KeyUse>empty();
          }
        });
  }

  void bindKey(String submitter, String key, UUID caseId) {
    jdbc.prepareStatement(
        "UPDATE idempotency_record SET case_id = ? WHERE submitter = ? AND idempotency_key = ?",
        statement -> {
          statement.setObject(1, caseId);
          statement.setString(2, submitter);
          statement.setString(3, key);
          return statement.executeUpdate();
        });
  }

  Optional<UUID> caseByExternalRef(String submitter, String externalRef) {
    return jdbc.prepareStatement(
        "SELECT id FROM takedown_case WHERE submitter = ? AND external_ref = ?",
        statement -> {
          statement.setString(1, submitter);
          statement.setString(2, externalRef);
          try (ResultSet rows = statement.executeQuery()) {
            return rows.next()
                ? Optional.of(rows.getObject("id", UUID.class))
                : Optional.<UUID>empty();
          }
        });
  }

  void insertCase(UUID id, String submitter, NewCase c, Instant now) {
    jdbc.prepareStatement(
        "INSERT INTO takedown_case (id, submitter, external_ref, category, priority, legal_law,"
            + " legal_article, legal_authorization_ref, requester_name, requester_email,"
            + " requester_unit, non_disclosure, created_at)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        statement -> {
          statement.setObject(1, id);
          statement.setString(2, submitter);
          statement.setString(3, c.externalRef());
          statement.setString(4, c.category().name());
          statement.setString(5, c.priority().name());
          statement.setString(6, c.law());
          statement.setString(7, c.article());
          statement.setString(8, c.authorizationRef());
          statement.setString(9, c.requesterName());
          statement.setString(10, c.requesterEmail());
          statement.setString(11, c.requesterUnit());
          statement.setBoolean(12, c.nonDisclosure());
          PgTime.set(statement, 13, now);
          statement.executeUpdate();
          return null;
        });
    jdbc.prepareStatement(
        "INSERT INTO case_item (case_id, position, url, canonical_url, content_id,"
            + " evidence_sha256, observed_at, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        statement -> {
          for (int position = 0; position < c.items().size(); position++) {
            NewCase.Item item = c.items().get(position);
            statement.setObject(1, id);
            statement.setInt(2, position);
            statement.setString(3, item.url());
            statement.setString(4, item.location().canonicalUrl());
            statement.setString(5, item.location().contentId());
            statement.setString(6, item.evidenceSha256());
            PgTime.set(statement, 7, item.observedAt());
            statement.setString(8, item.note());
            statement.addBatch();
          }
          return statement.executeBatch();
        });
  }

  void insertRequests(
      UUID caseId, String submitter, NewCase c, List<NewRequest> requests, Instant now) {
    jdbc.prepareStatement(
        "INSERT INTO takedown_request (id, case_id, item_position, submitter, category,"
            + " case_external_ref, platform, action, url, canonical_url, content_id, status,"
            + " attempts, next_attempt_at, due_at, created_at, updated_at)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'PENDING', 0, ?, ?, ?, ?)",
        statement -> {
          for (NewRequest request : requests) {
            statement.setObject(1, request.id());
            statement.setObject(2, caseId);
            statement.setInt(3, request.itemPosition());
            statement.setString(4, submitter);
            statement.setString(5, c.category().name());
            statement.setString(6, c.externalRef());
            statement.setString(7, request.platform());
            statement.setString(8, request.action());
            statement.setString(9, request.url());
            statement.setString(10, request.canonicalUrl());
            statement.setString(11, request.contentId());
            PgTime.set(statement, 12, now);
            PgTime.set(statement, 13, request.dueAt());
            PgTime.set(statement, 14, now);
            PgTime.set(statement, 15, now);
            statement.addBatch();
          }
          return statement.executeBatch();
        });
  }
}
