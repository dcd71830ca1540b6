package org.takedown.gateway.status;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.takedown.contracts.Category;
import org.takedown.contracts.Platform;
import org.takedown.contracts.Priority;
import org.takedown.contracts.RequestDetail;
import org.takedown.contracts.RequestPage;
import org.takedown.contracts.RequestView;
import org.takedown.gateway.auth.Viewer;
import org.takedown.gateway.request.PgTime;
import org.takedown.gateway.request.RequestHistory;
import org.takedown.gateway.request.RequestRow;
import org.takedown.gateway.request.RequestState;
import org.takedown.gateway.request.StateColumn;

/** Lists and reads requests for officers, and for submitters their own. */
@Singleton
public final class RequestReads {

  /** The open statuses after PENDING: request_awaiting_partner_by_due holds these (V9). */
  private static final String AWAITING_PARTNER =
      RequestState.OPEN.stream()
          .filter(s -> s != RequestState.PENDING)
          .map(StateColumn::literal)
          .collect(Collectors.joining(", "));

  /** Every partner, as an SQL list: {@code 'META', 'TIKTOK', 'GOOGLE'}. */
  private static final String EVERY_PLATFORM =
      Arrays.stream(Platform.values())
          .map(p -> "'" + p.name() + "'")
          .collect(Collectors.joining(", "));

  /** One request, by id: any request for everyone. */
  static final String ONE =
      "SELECT " + RequestRow.COLUMNS + " FROM takedown_request r WHERE r.id = ?";

  /** One request, by id, if the submitter named by the second parameter created its case. */
  static final String ONE_OF_SUBMITTER = ONE + " AND r.submitter = ?";

  /**
   * The open requests, earliest deadline first (so the overdue ones lead), with their case's
   * reference, category and priority. Each open status is read in the order of its own index, at
   * most as many rows as the queue shows: the PENDING ones partner by partner through
   * request_dispatch_order, the others through request_awaiting_partner_by_due (V9); the few rows
   * read are then merged, and only the rows shown look their case up. Parameters: the limit, once
   * per part and once for the whole.
   */
  static final String WORK_QUEUE = workQueue();

  /** How many parameters {@link #WORK_QUEUE} takes, all the limit. */
  static final int WORK_QUEUE_PARAMETERS = Platform.values().length + 2;

  /**
   * The preservations partners hold, the first to end first, through the partial index
   * request_preserved_by_end (V12) in its order: at most a page of rows is read, and only those
   * look their case up. Parameters: the limit, for the first page.
   */
  static final String PRESERVATIONS = preservations(false);

  /**
   * {@link #PRESERVATIONS} after a position: parameters its end (twice) and its id, then the limit.
   * The row comparison is the index's own key, so the scan starts at the position; the bound on the
   * end alone helps a plan that does not see it so.
   */
  static final String PRESERVATIONS_AFTER = preservations(true);

  private final JdbcOperations jdbc;
  private final TransactionOperations<Connection> transactions;
  private final RequestHistory history;
  private final Clock clock;

  RequestReads(
      JdbcOperations jdbc,
      TransactionOperations<Connection> transactions,
      RequestHistory history,
      Clock clock) {
    this.jdbc = jdbc;
    this.transactions = transactions;
    this.history = history;
    this.clock = clock;
  }

  private static String workQueue() {
    List<String> parts = new ArrayList<>();
    for (Platform platform : Platform.values()) {
      parts.add(
          "(SELECT "
              + RequestRow.COLUMNS
              + " FROM takedown_request r WHERE r.status = 'PENDING' AND r.platform = '"
              + platform.name()
              + "' ORDER BY r.due_at LIMIT ?)");
    }
    parts.add(
        "(SELECT "
            + RequestRow.COLUMNS
            + " FROM takedown_request r WHERE r.status IN ("
            + AWAITING_PARTNER
            + ") ORDER BY r.due_at LIMIT ?)");
    // the case of each row shown, by its key: a lateral lookup that LIMIT 1 keeps from being
    // planned as a join (which read the whole case table to hash it)
    return "SELECT q.*, k.external_ref AS case_ref, k.category AS case_category,"
        + " k.priority AS case_priority FROM (SELECT * FROM ("
        + String.join(" UNION ALL ", parts)
        + ") u ORDER BY u.due_at, u.id LIMIT ?) q CROSS JOIN LATERAL (SELECT c.external_ref,"
        + " c.category, c.priority FROM takedown_case c WHERE c.id = q.case_id LIMIT 1) k"
        + " ORDER BY q.due_at, q.id";
  }

  private static String preservations(boolean after) {
    return "SELECT q.*, k.external_ref AS case_ref, k.category AS case_category,"
        + " k.priority AS case_priority FROM (SELECT "
        + RequestRow.COLUMNS
        + " FROM takedown_request r WHERE r.status = 'COMPLETED' AND r.outcome = 'PRESERVED'"
        + " AND r.preserved_until IS NOT NULL"
        + (after ? " AND (r.preserved_until, r.id) > (?, ?)" : "")
        + " ORDER BY r.preserved_until, r.id LIMIT ?) q CROSS JOIN LATERAL (SELECT c.external_ref,"
        + " c.category, c.priority FROM takedown_case c WHERE c.id = q.case_id LIMIT 1) k"
        + " ORDER BY q.preserved_until, q.id";
  }

  /** A page of preservations; {@code nextCursor} is null on the last page. */
  public record PreservationPage(List<PreservedRequest> items, String nextCursor) {}

  /**
   * The preservations partners hold (COMPLETED with outcome PRESERVED and an end date), by {@code
   * preservedUntil}, the first to end first (ties by id): those about to lapse lead. Keyset paging:
   * {@code after} is the position of the last request of the previous page (null: the first page).
   * A preservation whose partner gave no end date is not listed: nothing lapses it either.
   */
  public PreservationPage preservations(int limit, RequestCursor after) {
    if (limit < 1) {
      throw new IllegalArgumentException("a page shows at least one request, not " + limit);
    }
    List<PreservedRequest> rows =
        transactions.executeRead(
            status ->
                jdbc.prepareStatement(
                    after == null ? PRESERVATIONS : PRESERVATIONS_AFTER,
                    statement -> {
                      int i = 1;
                      if (after != null) {
                        PgTime.set(statement, i++, after.at());
                        statement.setObject(i++, after.id());
                      }
                      statement.setInt(i, limit + 1);
                      List<PreservedRequest> preserved = new ArrayList<>();
                      try (ResultSet result = statement.executeQuery()) {
                        while (result.next()) {
                          preserved.add(
                              new PreservedRequest(
                                  RequestRow.view(result),
                                  result.getString("case_ref"),
                                  Category.valueOf(result.getString("case_category")),
                                  Priority.valueOf(result.getString("case_priority"))));
                        }
                      }
                      return preserved;
                    }));
    if (rows.size() <= limit) {
      return new PreservationPage(List.copyOf(rows), null);
    }
    List<PreservedRequest> page = List.copyOf(rows.subList(0, limit));
    RequestView last = page.get(page.size() - 1).request();
    return new PreservationPage(page, new RequestCursor(last.preservedUntil(), last.id()).encode());
  }

  /** A listing's SQL and its parameters, in order. */
  record Listing(String sql, List<Object> parameters) {}

  /** The query behind {@link #list}, for {@code filter} at {@code now} (overdue is relative). */
  static Listing listing(RequestFilter filter, Instant now) {
    StringBuilder sql =
        new StringBuilder("SELECT ")
            .append(RequestRow.COLUMNS)
            .append(" FROM takedown_request r WHERE TRUE");
    List<Object> parameters = new ArrayList<>();
    if (filter.status() != null) {
      sql.append(" AND r.status = ?");
      parameters.add(StateColumn.text(filter.status()));
    }
    if (filter.platform() != null) {
      sql.append(" AND r.platform = ?");
      parameters.add(filter.platform().name());
    }
    if (filter.action() != null) {
      sql.append(" AND r.action = ?");
      parameters.add(filter.action().name());
    }
    if (filter.category() != null) {
      sql.append(" AND r.category = ?");
      parameters.add(filter.category().name());
    }
    if (filter.caseRef() != null) {
      // through the case: requests are not indexed by their case's reference (migration V7)
      sql.append(" AND r.case_id IN (SELECT k.id FROM takedown_case k WHERE k.external_ref = ?)");
      parameters.add(filter.caseRef());
    }
    if (filter.createdFrom() != null) {
      // request_newest_first reads the range in the listing's order
      sql.append(" AND r.created_at >= ?");
      parameters.add(OffsetDateTime.ofInstant(PgTime.micros(filter.createdFrom()), ZoneOffset.UTC));
    }
    if (filter.createdTo() != null) {
      sql.append(" AND r.created_at < ?");
      parameters.add(OffsetDateTime.ofInstant(PgTime.micros(filter.createdTo()), ZoneOffset.UTC));
    }
    if (filter.partnerRef() != null) {
      // request_by_partner_ref leads with the platform: naming every partner lets PostgreSQL look
      // the reference up under each, rather than read the whole index
      if (filter.platform() == null) {
        sql.append(" AND r.platform IN (").append(EVERY_PLATFORM).append(")");
      }
      sql.append(" AND r.partner_ref = ?");
      parameters.add(filter.partnerRef());
    }
    if (filter.canonicalUrl() != null) {
      // through the case's items, indexed by their canonical URL (V11), then by item
      sql.append(
          " AND (r.case_id, r.item_position) IN (SELECT i.case_id, i.position FROM case_item i"
              + " WHERE i.canonical_url = ?)");
      parameters.add(filter.canonicalUrl());
    }
    if (filter.contentId() != null) {
      sql.append(
          " AND (r.case_id, r.item_position) IN (SELECT i.case_id, i.position FROM case_item i"
              + " WHERE i.content_id = ?)");
      parameters.add(filter.contentId());
    }
    if (filter.overdue() != null) {
      // open is PENDING or awaiting a partner, each part in the terms of its own index (V9)
      String overdue =
          "((r.status = 'PENDING' AND r.due_at < ?) OR (r.status IN ("
              + AWAITING_PARTNER
              + ") AND r.due_at < ?))";
      sql.append(filter.overdue() ? " AND " + overdue : " AND NOT " + overdue);
      parameters.add(OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
      parameters.add(OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
    }
    if (filter.after() != null) {
      sql.append(" AND (r.created_at, r.id) < (?, ?)");
      parameters.add(OffsetDateTime.ofInstant(filter.after().at(), ZoneOffset.UTC));
      parameters.add(filter.after().id());
    }
    sql.append(" ORDER BY r.created_at DESC, r.id DESC LIMIT ?");
    parameters.add(filter.limit() + 1);
    return new Listing(sql.toString(), parameters);
  }

  RequestPage list(RequestFilter filter) {
    Listing listing = listing(filter, clock.instant());
    List<RequestView> rows = read(listing.sql(), listing.parameters(), RequestRow::view);
    return RequestCursor.page(rows, filter.limit(), RequestView::createdAt);
  }

  /**
   * The query behind {@link #browse}: {@link #listing}'s page, and for each of its rows only, its
   * case's reference, category and priority, looked up by the case's key.
   */
  static Listing browsing(RequestFilter filter, Instant now) {
    Listing listing = listing(filter, now);
    return new Listing(
        "SELECT q.*, k.external_ref AS case_ref, k.category AS case_category,"
            + " k.priority AS case_priority FROM ("
            + listing.sql()
            + ") q CROSS JOIN LATERAL (SELECT c.external_ref, c.category, c.priority"
            + " FROM takedown_case c WHERE c.id = q.case_id LIMIT 1) k"
            + " ORDER BY q.created_at DESC, q.id DESC",
        listing.parameters());
  }

  /**
   * The requests {@code filter} selects, newest first, a page at a time, as {@code GET
   * /api/v1/requests} lists them (same filters, same order, same cursors), each with its case's
   * reference, category and priority: the console's requests list.
   */
  public ListedRequests browse(RequestFilter filter) {
    Listing listing = browsing(filter, clock.instant());
    List<ListedRequest> rows =
        read(
            listing.sql(),
            listing.parameters(),
            result ->
                new ListedRequest(
                    RequestRow.view(result),
                    result.getString("case_ref"),
                    Category.valueOf(result.getString("case_category")),
                    Priority.valueOf(result.getString("case_priority"))));
    if (rows.size() <= filter.limit()) {
      return new ListedRequests(List.copyOf(rows), null);
    }
    List<ListedRequest> page = List.copyOf(rows.subList(0, filter.limit()));
    RequestView last = page.get(page.size() - 1).request();
    return new ListedRequests(page, new RequestCursor(last.createdAt(), last.id()).encode());
  }

  /** Reads one row of a result. */
  @FunctionalInterface
  private interface RowReader<T> {
    T read(ResultSet row) throws SQLException;
  }

  private <T> List<T> read(String sql, List<Object> parameters, RowReader<T> reader) {
    return transactions.executeRead(
        status ->
            jdbc.prepareStatement(
                sql,
                statement -> {
                  for (int i = 0; i < parameters.size(); i++) {
                    statement.setObject(i + 1, parameters.get(i));
                  }
                  List<T> rows = new ArrayList<>();
                  try (ResultSet result = statement.executeQuery()) {
                    while (result.next()) {
                      rows.add(reader.read(result));
                    }
                  }
                  return rows;
                }));
  }

  /**
   * The liaison officers' work queue: the first {@code limit} open requests (PENDING, SUBMITTED,
   * IN_REVIEW) by deadline, earliest first, so that the overdue ones come first, most overdue
   * first; ties by id.
   */
  public List<QueuedRequest> workQueue(int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("a work queue shows at least one request, not " + limit);
    }
    return transactions.executeRead(
        status ->
            jdbc.prepareStatement(
                WORK_QUEUE,
                statement -> {
                  for (int i = 1; i <= WORK_QUEUE_PARAMETERS; i++) {
                    statement.setInt(i, limit);
                  }
                  List<QueuedRequest> queue = new ArrayList<>();
                  try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                      queue.add(
                          new QueuedRequest(
                              RequestRow.view(rows),
                              rows.getString("case_ref"),
                              Category.valueOf(rows.getString("case_category")),
                              Priority.valueOf(rows.getString("case_priority"))));
                    }
                  }
                  return queue;
                }));
  }

  /** The request with its history, if it exists and {@code viewer} may see it. */
  public Optional<RequestDetail> find(UUID id, Viewer viewer) {
    String sql = viewer.choose(() -> ONE, sub -> ONE_OF_SUBMITTER);
    List<Object> parameters = viewer.choose(() -> List.of(id), sub -> List.of(id, sub));
    return transactions.executeRead(
        status -> {
          Optional<RequestView> view =
              jdbc.prepareStatement(
                  sql,
                  statement -> {
                    for (int i = 0; i < parameters.size(); i++) {
                      statement.setObject(i + 1, parameters.get(i));
                    }
                    try (ResultSet rows = statement.executeQuery()) {
                      return rows.next()
                          ? Optional.of(RequestRow.view(rows))
                          : Optional.<RequestView>empty();
                    }
                  });
          return view.map(v -> RequestDetail.of(v, history.of(id)));
        });
  }
}
