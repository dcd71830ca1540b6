package org.takedown.gateway.request;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;
import org.takedown.contracts.Action;
import org.takedown.contracts.Outcome;
import org.takedown.contracts.Platform;
import org.takedown.contracts.RequestView;

/** Reads {@code takedown_request} rows as the API shows them. */
public final class RequestRow {

  /** The columns {@link #view} reads, for SELECT lists (qualified by the alias {@code r}). */
  public static final String COLUMNS =
      "r.id, r.case_id, r.platform, r.action, r.url, r.canonical_url, r.content_id, r.status,"
          + " r.outcome, r.partner_ref, r.attempts, r.next_attempt_at, r.last_error, r.due_at,"
          + " r.preserved_until, r.created_at, r.updated_at";

  private RequestRow() {}

  public static RequestView view(ResultSet rows) throws SQLException {
    String outcome = rows.getString("outcome");
    return new RequestView(
        rows.getObject("id", UUID.class),
        rows.getObject("case_id", UUID.class),
        Platform.valueOf(rows.getString("platform")),
        Action.valueOf(rows.getString("action")),
        rows.getString("url"),
        rows.getString("canonical_url"),
        rows.getString("content_id"),
        RequestStates.toContract(StateColumn.state(rows.getString("status"))),
        outcome == null ? null : Outcome.valueOf(outcome),
        rows.getString("partner_ref"),
        rows.getInt("attempts"),
        PgTime.get(rows, "next_attempt_at"),
        rows.getString("last_error"),
        PgTime.get(rows, "due_at"),
        PgTime.get(rows, "preserved_until"),
        PgTime.get(rows, "created_at"),
        PgTime.get(rows, "updated_at"));
  }
}
