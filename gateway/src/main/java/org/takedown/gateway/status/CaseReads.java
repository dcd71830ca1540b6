package org.takedown.gateway.status;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.takedown.contracts.CaseSubmission;
import org.takedown.contracts.CaseView;
import org.takedown.contracts.Category;
import org.takedown.contracts.Priority;
import org.takedown.contracts.RequestView;
import org.takedown.gateway.auth.Viewer;
import org.takedown.gateway.request.PgTime;
import org.takedown.gateway.request.RequestRow;

/**
 * Reads a case with its requests, as its submitter or an officer sees it: through the API ({@link
 * #find}) or in the officers' console, which also shows what the submitter declared ({@link
 * #findFile}, {@link #findHead}).
 */
@Singleton
public final class CaseReads {

  /** A case's own columns, by id: any case for everyone. */
  static final String HEAD =
      "SELECT external_ref, category, priority, created_at, legal_law, legal_article,"
          + " legal_authorization_ref, requester_name, requester_email, requester_unit,"
          + " non_disclosure FROM takedown_case WHERE id = ?";

  /** A case's own columns, by id, if the submitter named by the second parameter created it. */
  static final String HEAD_OF_SUBMITTER = HEAD + " AND submitter = ?";

  static final String REQUESTS_OF_CASE =
      "SELECT "
          + RequestRow.COLUMNS
          + " FROM takedown_request r WHERE r.case_id = ?"
          + " ORDER BY r.item_position, r.action DESC";

  private final JdbcOperations jdbc;
  private final TransactionOperations<Connection> transactions;

  CaseReads(JdbcOperations jdbc, TransactionOperations<Connection> transactions) {
    this.jdbc = jdbc;
    this.transactions = transactions;
  }

  /** The case, if it exists and {@code viewer} may see it. */
  public Optional<CaseView> find(UUID caseId, Viewer viewer) {
    return findFile(caseId, viewer).map(CaseFile::view);
  }

  /** The case with what its submitter declared, if it exists and {@code viewer} may see it. */
  public Optional<CaseFile> findFile(UUID caseId, Viewer viewer) {
    return transactions.executeRead(
        status -> head(caseId, viewer).map(head -> CaseFile.of(head, requests(caseId))));
  }

  /** The case's own facts without its requests, if it exists and {@code viewer} may see it. */
  public Optional<CaseHead> findHead(UUID caseId, Viewer viewer) {
    return transactions.executeRead(status -> head(caseId, viewer));
  }

  private Optional<CaseHead> head(UUID caseId, Viewer viewer) {
    String sql = viewer.choose(() -> HEAD, sub -> HEAD_OF_SUBMITTER);
    List<Object> parameters = viewer.choose(() -> List.of(caseId), sub -> List.of(caseId, sub));
    return jdbc.prepareStatement(
        sql,
        statement -> {
          for (int i = 0; i < parameters.size(); i++) {
            statement.setObject(i + 1, parameters.get(i));
          }
          try (ResultSet rows = statement.executeQuery()) {
            return rows.next()
                ? Optional.of(
                    new CaseHead(
                        caseId,
                        rows.getString("external_ref"),
                        Category.valueOf(rows.getString("category")),
                        Priority.valueOf(rows.getString("priority")),
                        PgTime.get(rows, "created_at"),
                        new CaseSubmission.LegalBasis(
                            rows.getString("legal_law"),
                            rows.getString("legal_article"),
                            rows.getString("legal_authorization_ref")),
                        new CaseSubmission.RequestedBy(
                            rows.getString("requester_name"),
                            rows.getString("requester_email"),
                            rows.getString("requester_unit")),
                        rows.getBoolean("non_disclosure")))
                : Optional.<CaseHead>empty();
          }
        });
  }

  private List<RequestView> requests(UUID caseId) {
    return jdbc.prepareStatement(
        REQUESTS_OF_CASE,
        statement -> {
          statement.setObject(1, caseId);
          List<RequestView> views = new ArrayList<>();
          try (ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
              views.add(RequestRow.view(rows));
            }
          }
          return views;
        });
  }
}
