package org.takedown.gateway.statistics;

import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.TaskScheduler;
import io.micronaut.transaction.TransactionOperations;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.takedown.gateway.operations.FixedDelayRounds;

/**
 * Keeps {@code statistics_day} (V17): every {@code gateway.statistics.refresh-interval} (default 2
 * s), the days whose requests have events after the stored cursor are computed again from the
 * requests and their history ({@link DayFacts}), and the cursor moves past those events, in one
 * transaction. Nothing on the path of a request waits for it.
 *
 * <p>Which events: those of transactions older than every transaction still running ({@code txid <
 * pg_snapshot_xmin}), in the event feed's (txid, id) order, so that an event committed late can
 * never fall behind the cursor unseen; a reader computes the days of the events after the cursor
 * itself. One refresher at a time per database (a transaction-scoped advisory lock); the first
 * round computes every day.
 *
 * <p>A round costs the size of the days it computes again. So that a day of heavy traffic (every
 * request of it changing within seconds) cannot keep the database busy, a round that took {@code d}
 * is followed by none for {@value #PAUSE_FACTOR}{@code x d}: the refresher works at most a tenth of
 * the time; the readers compute what it has not reached.
 */
@Singleton
public final class RefreshStatisticsDays {

  static final String INTERVAL = "${gateway.statistics.refresh-interval:2s}";

  /**
   * After a round of {@code d}, none before {@code PAUSE_FACTOR x d}, up to {@link #LONGEST_PAUSE}.
   */
  static final int PAUSE_FACTOR = 9;

  /** So that one long round (a first one, a bulk) does not leave the days behind for long. */
  static final Duration LONGEST_PAUSE = Duration.ofMinutes(1);

  /** The advisory lock of the refresher: "statsday" in ASCII. */
  static final long LOCK_KEY = 0x7374617473646179L;

  static final String CURSOR = "SELECT event_txid::text, event_id FROM statistics_refresh";

  /** How many events after the cursor no running transaction can still precede. */
  static final String PENDING_COUNT =
      "SELECT count(*) FROM request_event e"
          + " WHERE e.txid >= ?::xid8 AND (e.txid, e.id) > (?::xid8, ?)"
          + " AND e.txid < pg_snapshot_xmin(pg_current_snapshot())";

  /**
   * Above this many pending events (a bulk of changes), the round is planned without nested loops
   * ({@link DayFacts#plannedForManyDays}): one pass over the requests rather than one lookup each.
   */
  static final long BULK = 50_000;

  /** The days with events after the cursor that no running transaction can still precede. */
  static final String PENDING =
      "WITH pending AS (SELECT e.txid, e.id, e.request_id FROM request_event e"
          + " WHERE e.txid >= ?::xid8 AND (e.txid, e.id) > (?::xid8, ?)"
          + " AND e.txid < pg_snapshot_xmin(pg_current_snapshot()))"
          + " SELECT (SELECT array_agg(DISTINCT "
          + DayFacts.DAY_OF_REQUEST
          + "::text) FROM pending p JOIN takedown_request r ON r.id = p.request_id) AS days,"
          + " last.txid::text AS txid, last.id"
          + " FROM (SELECT 1) one LEFT JOIN LATERAL"
          + " (SELECT txid, id FROM pending ORDER BY txid DESC, id DESC LIMIT 1) last ON true";

  /** The newest event no running transaction can still precede: where the first round ends. */
  static final String NEWEST_SETTLED =
      "SELECT txid::text, id FROM request_event"
          + " WHERE txid < pg_snapshot_xmin(pg_current_snapshot())"
          + " ORDER BY txid DESC, id DESC LIMIT 1";

  /** Before every event. */
  static final Cursor ORIGIN = new Cursor("0", 0);

  static final String MOVE_CURSOR =
      "INSERT INTO statistics_refresh (singleton, event_txid, event_id) VALUES (true, ?::xid8, ?)"
          + " ON CONFLICT (singleton) DO UPDATE SET event_txid = excluded.event_txid,"
          + " event_id = excluded.event_id";

  private static final Logger LOG = LoggerFactory.getLogger(RefreshStatisticsDays.class);

  private final JdbcOperations jdbc;
  private final TransactionOperations<Connection> transactions;
  private final Clock clock;
  private final FixedDelayRounds rounds;
  private Instant paused = Instant.MIN;

  RefreshStatisticsDays(
      JdbcOperations jdbc,
      TransactionOperations<Connection> transactions,
      Clock clock,
      @Named(TaskExecutors.SCHEDULED) TaskScheduler scheduler,
      @Value(INTERVAL) Duration interval) {
    this.jdbc = jdbc;
    this.transactions = transactions;
    this.clock = clock;
    this.rounds =
        new FixedDelayRounds(
            scheduler,
            "gateway.statistics.refresh-interval",
            interval,
            this::run,
            LOG,
            "statistics refresher: round failed");
  }

  /** Refreshes at once, then {@code interval} after each round ends. */
  @EventListener
  void onStartup(StartupEvent event) {
    rounds.start();
  }

  @PreDestroy
  void stop() {
    rounds.stop();
  }

  private void run() {
    Instant start = clock.instant();
    if (start.isBefore(paused)) {
      return;
    }
    Round round = refresh();
    Instant end = clock.instant();
    Duration pause = Duration.between(start, end).multipliedBy(PAUSE_FACTOR);
    paused = end.plus(pause.compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : pause);
    if (round.days() > 0) {
      LOG.debug(
          "statistics: {} days computed again in {} ms",
          round.days(),
          Duration.between(start, end).toMillis());
    }
  }

  /** What a round did: whether it ran (the lock was free) and how many days it computed. */
  record Round(boolean ran, int days) {
    static final Round SKIPPED = new Round(false, 0);
  }

  /** The event after which stored days reflect every change; none before the first round. */
  record Cursor(String txid, long id) {}

  /** One round, in its own transaction. */
  public Round refresh() {
    return transactions.executeWrite(
        status -> {
          // one snapshot for the events and the requests they change
          jdbc.prepareStatement(
              "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ", s -> s.execute());
          if (!lock()) {
            return Round.SKIPPED;
          }
          DayFacts.plannedForItsParameters(jdbc);
          Optional<Cursor> cursor = cursor(jdbc);
          return cursor.isPresent() ? catchUp(cursor.get()) : computeEveryDay();
        });
  }

  private Round catchUp(Cursor cursor) {
    record Pending(List<LocalDate> days, Cursor last) {}
    long count =
        jdbc.prepareStatement(
            PENDING_COUNT,
            statement -> {
              bindCursor(statement, cursor);
              try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
              }
            });
    if (count == 0) {
      return new Round(true, 0);
    }
    if (count > BULK) {
      DayFacts.plannedForManyDays(jdbc);
    }
    Pending pending =
        jdbc.prepareStatement(
            PENDING,
            statement -> {
              bindCursor(statement, cursor);
              try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                String txid = rows.getString("txid");
                return txid == null
                    ? null
                    : new Pending(
                        days(rows.getArray("days")), new Cursor(txid, rows.getLong("id")));
              }
            });
    if (pending == null) {
      return new Round(true, 0);
    }
    if (!pending.days().isEmpty()) {
      if (pending.days().size() > DayFacts.MANY_DAYS) {
        DayFacts.plannedForManyDays(jdbc);
      }
      jdbc.prepareStatement(
          "DELETE FROM statistics_day WHERE day = ANY (?::date[])",
          statement -> {
            statement.setArray(1, dayArray(statement.getConnection(), pending.days()));
            return statement.executeUpdate();
          });
      jdbc.prepareStatement(
          "INSERT INTO statistics_day (" + DayFacts.COLUMNS + ") " + DayFacts.select(true),
          statement -> {
            DayFacts.bind(statement, 1, pending.days());
            return statement.executeUpdate();
          });
    }
    move(pending.last());
    return new Round(true, pending.days().size());
  }

  private Round computeEveryDay() {
    Cursor newest =
        jdbc.prepareStatement(
            NEWEST_SETTLED,
            statement -> {
              try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? new Cursor(rows.getString(1), rows.getLong(2)) : ORIGIN;
              }
            });
    DayFacts.plannedForManyDays(jdbc);
    jdbc.prepareStatement("DELETE FROM statistics_day", statement -> statement.executeUpdate());
    int rows =
        jdbc.prepareStatement(
            "INSERT INTO statistics_day (" + DayFacts.COLUMNS + ") " + DayFacts.select(false),
            statement -> statement.executeUpdate());
    move(newest);
    LOG.info("statistics: every day computed ({} rows)", rows);
    return new Round(true, rows);
  }

  private void move(Cursor to) {
    jdbc.prepareStatement(
        MOVE_CURSOR,
        statement -> {
          statement.setString(1, to.txid());
          statement.setLong(2, to.id());
          return statement.executeUpdate();
        });
  }

  /**
   * Binds the events after {@code cursor} as parameters 1 to 3: {@code txid >= ? AND (txid, id) >
   * (?, ?)}. The first, redundant, is there for the planner: it estimates a range of txid from the
   * column's statistics (a few events), where it would take a third of the table for the row
   * comparison alone and scan the events and the requests whole.
   */
  static void bindCursor(PreparedStatement statement, Cursor cursor) throws SQLException {
    statement.setString(1, cursor.txid());
    statement.setString(2, cursor.txid());
    statement.setLong(3, cursor.id());
  }

  /** The stored cursor, read in the caller's transaction. */
  static Optional<Cursor> cursor(JdbcOperations jdbc) {
    return jdbc.prepareStatement(
        CURSOR,
        statement -> {
          try (ResultSet rows = statement.executeQuery()) {
            return rows.next()
                ? Optional.of(new Cursor(rows.getString(1), rows.getLong(2)))
                : Optional.empty();
          }
        });
  }

  static List<LocalDate> days(Array array) throws SQLException {
    List<LocalDate> days = new ArrayList<>();
    if (array != null) {
      for (Object day : (Object[]) array.getArray()) {
        days.add(LocalDate.parse((String) day));
      }
    }
    return days;
  }

  static Array dayArray(Connection connection, List<LocalDate> days) throws SQLException {
    return connection.createArrayOf("text", days.stream().map(LocalDate::toString).toArray());
  }

  private boolean lock() {
    return jdbc.prepareStatement(
        "SELECT pg_try_advisory_xact_lock(?)",
        statement -> {
          statement.setLong(1, LOCK_KEY);
          try (ResultSet rows = statement.executeQuery()) {
            rows.next();
            return rows.getBoolean(1);
          }
        });
  }
}
