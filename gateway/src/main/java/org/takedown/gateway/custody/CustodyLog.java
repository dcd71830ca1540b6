package org.takedown.gateway.custody;

import io.micronaut.context.annotation.Value;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;
import org.takedown.gateway.request.PgTime;

/**
 * Appends entries to the chain of custody, inside the caller's transaction: the entry commits (or
 * not) with the exchange or action it records. An append is one INSERT, with no lock and nothing
 * that orders writers among themselves; {@link IntegrateCustodyLog} later puts committed entries in
 * the tree, in commit order, under a signed checkpoint.
 */
@Singleton
public final class CustodyLog {

  static final String INSERT =
      "INSERT INTO custody_entry (kind, at, request_id, case_id, platform, actor, content)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?)";

  private final JdbcOperations jdbc;
  private final boolean enabled;

  CustodyLog(JdbcOperations jdbc, @Value("${gateway.custody.enabled:true}") boolean enabled) {
    this.jdbc = jdbc;
    this.enabled = enabled;
  }

  /** Appends one entry in the current transaction (which must exist). */
  public void record(CustodyEntry entry) {
    recordAll(List.of(entry));
  }

  /**
   * Appends entries in the current transaction, in this order (one INSERT per batch); nothing with
   * {@code gateway.custody.enabled} false (the bench's comparison of dispatch without the log).
   */
  public void recordAll(List<CustodyEntry> entries) {
    if (!enabled || entries.isEmpty()) {
      return;
    }
    jdbc.prepareStatement(
        INSERT,
        statement -> {
          for (CustodyEntry entry : entries) {
            bind(statement, entry);
            statement.addBatch();
          }
          return statement.executeBatch();
        });
  }

  private static void bind(PreparedStatement statement, CustodyEntry entry) throws SQLException {
    statement.setString(1, entry.kind().wireName());
    PgTime.set(statement, 2, entry.at());
    setUuid(statement, 3, entry.requestId());
    setUuid(statement, 4, entry.caseId());
    if (entry.platform() == null) {
      statement.setNull(5, Types.VARCHAR);
    } else {
      statement.setString(5, entry.platform().name());
    }
    statement.setString(6, entry.actor());
    statement.setBytes(7, entry.contentBytes());
  }

  private static void setUuid(PreparedStatement statement, int index, java.util.UUID value)
      throws SQLException {
    if (value == null) {
      statement.setNull(index, Types.OTHER);
    } else {
      statement.setObject(index, value);
    }
  }
}
