package org.takedown.gateway.events;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.takedown.gateway.auth.Viewer;
import org.takedown.gateway.request.PgTime;
import org.takedown.gateway.request.RequestStates;
import org.takedown.gateway.request.StateColumn;

/**
 * Reads the event feed. Events are ordered by the id of the transaction that wrote them, and only
 * events of transactions older than every transaction still running are returned: a transaction
 * that commits late cannot slip an event behind a cursor a client already holds, so no event is
 * skipped and none is repeated. (A plain sequence is not enough: its values commit out of order.)
 */
@Singleton
final class EventFeed {

  /**
   * Everyone's events after a cursor (txid, id), through the primary key, which is the feed's
   * order.
   */
  static final String READ_EVERYONE = read("");

  /**
   * One submitter's events (the first parameter) after a cursor, through event_feed (submitter,
   * txid, id).
   */
  static final String READ_OF_SUBMITTER = read("submitter = ? AND ");

  private static String read(String owner) {
    return "SELECT id, txid::text AS txid_text, at, case_id, request_id, type, status, outcome"
        + " FROM request_event"
        + " WHERE "
        + owner
        + "(txid, id) > (CAST(? AS xid8), ?)"
        + "   AND txid < pg_snapshot_xmin(pg_current_snapshot())"
        // by the xid8 column itself: its text form sorts 1000 before 999
        + " ORDER BY request_event.txid, request_event.id LIMIT ?";
  }

  private final JdbcOperations jdbc;
  private final TransactionOperations<Connection> transactions;

  EventFeed(JdbcOperations jdbc, TransactionOperations<Connection> transactions) {
    this.jdbc = jdbc;
    this.transactions = transactions;
  }

  /** Events after {@code after}, of the requests {@code viewer} may see. */
  EventPage read(Viewer viewer, EventCursor after, int limit) {
    String txid = Long.toString(after.txid());
    String sql = viewer.choose(() -> READ_EVERYONE, sub -> READ_OF_SUBMITTER);
    List<Object> parameters =
        viewer.choose(
            () -> List.of(txid, after.id(), limit), sub -> List.of(sub, txid, after.id(), limit));
    List<EventView> items =
        transactions.executeRead(
            status ->
                jdbc.prepareStatement(
                    sql,
                    statement -> {
                      for (int i = 0; i < parameters.size(); i++) {
                        statement.setObject(i + 1, parameters.get(i));
                      }
                      List<EventView> events = new ArrayList<>();
                      try (ResultSet rows = statement.executeQuery()) {
                        while (rows.next()) {
                          EventCursor position =
                              new EventCursor(
                                  Long.parseLong(rows.getString("txid_text")), rows.getLong("id"));
                          events.add(
                              new EventView(
                                  position.toString(),
                                  PgTime.get(rows, "at"),
                                  rows.getObject("case_id", UUID.class),
                                  rows.getObject("request_id", UUID.class),
                                  rows.getString("type"),
                                  status(rows.getString("status")),
                                  rows.getString("outcome")));
                        }
                      }
                      return events;
                    }));
    String next = items.isEmpty() ? after.toString() : items.get(items.size() - 1).id();
    return new EventPage(items, next);
  }

  /** The contract's word for the stored state (the trigger copies the request's column). */
  private static String status(String stored) {
    return RequestStates.toContract(StateColumn.state(stored)).name();
  }
}
