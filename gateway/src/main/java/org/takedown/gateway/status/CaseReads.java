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
import org.takedown.contracts.CaseStatus;
import org.takedown.contracts.CaseView;
import org.takedown.contracts.Category;
import org.takedown.contracts.Priority;
import org.takedown.contracts.RequestView;
import org.takedown.gateway.auth.Viewer;
import org.takedown.gateway.request.Lifecycle;
import org.takedown.gateway.request.PgTime;
import org.takedown.gateway.request.RequestRow;

/** Reads a case with its requests, as its submitter or an officer sees it. */
@Singleton
public final class CaseReads {

  /** A case's own columns, by id: any case for everyone. */
  static final String HEAD =
      "SELECT external_ref, category, priority, created_at FROM takedown_case WHERE id = ?";

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
    return transactions.executeRead(status -> read(caseId, viewer));
  }

  private Optional<CaseView> read(UUID caseId, Viewer viewer) {
    record Head(String externalRef, Category category, Priority priority, java.time.Instant at) {}
    String sql = viewer.choose(() -> HEAD, sub -> HEAD_OF_SUBMITTER);
    List<Object> parameters = viewer.choose(() -> List.of(caseId), sub -> List.of(caseId, sub));
    Optional<Head> head =
        jdbc.prepareStatement(
            sql,
            statement -> {
              for (int i = 0; i < parameters.size(); i++) {
                statement.setObject(i + 1, parameters.get(i));
              }
              try (ResultSet rows = statement.executeQuery()) {
                return rows.next()
                    ? Optional.of(
                        new Head(
                            rows.getString("external_ref"),
                            Category.valueOf(rows.getString("category")),
                            Priority.valueOf(rows.getString("priority")),
                            PgTime.get(rows, "created_at")))
                    : Optional.<Head>empty();
              }
            });
    if (head.isEmpty()) {
      return Optional.empty();
    }
    List<RequestView> requests =
        jdbc.prepareStatement(
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
    boolean closed = requests.stream().allMatch(r -> Lifecycle.isTerminal(r.status()));
    Head h = head.get();
    return Optional.of(
        new CaseView(
            caseId,
            h.externalRef(),
            h.category(),
            h.priority(),
            h.at(),
            closed ? CaseStatus.CLOSED : CaseStatus.OPEN,
            requests));
  }
}
