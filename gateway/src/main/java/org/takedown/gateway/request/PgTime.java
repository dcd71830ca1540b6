package org.takedown.gateway.request;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * Instants to and from {@code timestamptz}. PostgreSQL keeps microseconds, so instants are
 * truncated to microseconds before they are written or compared.
 *
 * <p>The gateway stores and compares only instants of RFC 3339's four-digit years, 0001 to 9999
 * ({@link #storable}): whatever a client or a partner sends beyond them is refused before it
 * reaches PostgreSQL, which answers an instant far outside its own range with an error, and could
 * not be written back as RFC 3339 anyway.
 */
public final class PgTime {

  /** The earliest instant the gateway accepts: the first of January of year 1, UTC. */
  public static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");

  /** The latest: the last microsecond of year 9999, UTC. */
  public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999Z");

  private PgTime() {}

  /** True when {@code instant} lies in the years 0001 to 9999 (UTC); false for null. */
  public static boolean storable(Instant instant) {
    return instant != null && !instant.isBefore(EARLIEST) && !instant.isAfter(LATEST);
  }

  public static Instant micros(Instant instant) {
    return instant == null ? null : instant.truncatedTo(ChronoUnit.MICROS);
  }

  public static void set(PreparedStatement statement, int index, Instant instant)
      throws SQLException {
    if (instant == null) {
      statement.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
    } else {
      statement.setObject(index, OffsetDateTime.ofInstant(micros(instant), ZoneOffset.UTC));
    }
  }

  public static Instant get(ResultSet rows, String column) throws SQLException {
    OffsetDateTime value = rows.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }
}
