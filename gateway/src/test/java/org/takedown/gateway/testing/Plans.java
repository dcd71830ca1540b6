package org.takedown.gateway.testing;

import io.micronaut.transaction.TransactionOperations;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

/**
 * What PostgreSQL plans for the gateway's statements, on tables filled in bulk: a lookup that goes
 * through no index costs nothing on a test's few rows and a scan of the whole table in production.
 */
public final class Plans {

  private final TransactionOperations<Connection> transactions;

  public Plans(TransactionOperations<Connection> transactions) {
    this.transactions = transactions;
  }

  /** The plan of one call of {@code sql} with {@code parameters}, planned for these values. */
  public String of(String sql, List<Object> parameters) {
    return transactions.executeRead(
        status -> {
          StringBuilder plan = new StringBuilder();
          try (PreparedStatement statement =
              status.getConnection().prepareStatement("EXPLAIN (COSTS OFF) " + sql)) {
            for (int i = 0; i < parameters.size(); i++) {
              statement.setObject(i + 1, parameters.get(i));
            }
            try (ResultSet rows = statement.executeQuery()) {
              while (rows.next()) {
                plan.append(rows.getString(1)).append('\n');
              }
            }
          }
          return plan.toString();
        });
  }

  /** The plan PostgreSQL caches for {@code sql} once it stops planning each call anew. */
  public String generic(String sql) {
    return prepared(
        sql,
        (statement, parameters) -> {
          statement.execute("SET LOCAL plan_cache_mode = force_generic_plan");
          return Collections.nCopies(parameters, "NULL");
        });
  }

  /**
   * The plan PostgreSQL uses for the {@code calls + 1}th call of {@code sql} with {@code arguments}
   * (SQL expressions, one per parameter), after {@code setUp} in the same transaction; unless
   * {@code setUp} decides, PostgreSQL chooses between planning each call and its cached plan as it
   * does for the gateway. A cached plan shows the parameters as {@code $n}, a plan for the call's
   * values shows the values. The calls' changes are undone.
   */
  public String afterCalls(String sql, List<String> arguments, int calls, String... setUp) {
    return prepared(
        sql,
        (statement, parameters) -> {
          for (String step : setUp) {
            statement.execute(step);
          }
          for (int i = 0; i < calls; i++) {
            statement.execute("EXECUTE planned(" + String.join(", ", arguments) + ")");
          }
          return arguments;
        });
  }

  @FunctionalInterface
  private interface BeforeExplain {
    /**
     * Runs what comes before the EXPLAIN of a statement of {@code parameters} parameters; returns
     * the arguments to explain the call with.
     */
    List<String> run(Statement statement, int parameters) throws SQLException;
  }

  private String prepared(String sql, BeforeExplain beforeExplain) {
    StringBuilder numbered = new StringBuilder();
    int parameters = 0;
    for (char c : sql.toCharArray()) {
      if (c == '?') {
        numbered.append('$').append(++parameters);
      } else {
        numbered.append(c);
      }
    }
    int count = parameters;
    return transactions.executeWrite(
        status -> {
          status.setRollbackOnly();
          StringBuilder plan = new StringBuilder();
          // pgjdbc sends even plain statements with the extended protocol: $n would be its own
          try (Statement statement = status.getConnection().createStatement()) {
            statement.execute("PREPARE planned AS " + numbered);
            List<String> arguments = beforeExplain.run(statement, count);
            try (ResultSet rows =
                statement.executeQuery(
                    "EXPLAIN (COSTS OFF) EXECUTE planned(" + String.join(", ", arguments) + ")")) {
              while (rows.next()) {
                plan.append(rows.getString(1)).append('\n');
              }
            }
            statement.execute("DEALLOCATE planned");
          }
          return plan.toString();
        });
  }

  /**
   * Copies the case of {@code model} (a request) {@code cases} times, as {@code BULK-1} to {@code
   * BULK-<cases>}, each with {@code perCase} copies of the request, SUBMITTED to the partner as
   * {@code ref-<case>-<n>} (operation {@code op-<case>-<n>}), case n's due n seconds after the
   * model; then gathers statistics.
   */
  public void copies(UUID model, int cases, int perCase) {
    copies(
        model,
        cases,
        perCase,
        "'status', 'SUBMITTED', 'next_attempt_at', NULL,"
            + " 'partner_ref', 'ref-' || g || '-' || n,"
            + " 'partner_operation', 'op-' || g || '-' || n");
  }

  /**
   * Copies as {@link #copies} does, all of them PENDING: a backlog, due to be sent in the order of
   * its cases.
   */
  public void backlog(UUID model, int cases, int perCase) {
    copies(
        model,
        cases,
        perCase,
        "'status', 'PENDING', 'next_attempt_at', r.created_at + g * interval '1 millisecond',"
            + " 'partner_ref', NULL, 'partner_operation', NULL");
  }

  private void copies(UUID model, int cases, int perCase, String state) {
    execute(
        "INSERT INTO takedown_case SELECT (jsonb_populate_record(k, jsonb_build_object("
            + "'id', md5('bulk' || g)::uuid, 'external_ref', 'BULK-' || g))).*"
            + " FROM takedown_case k JOIN takedown_request r ON r.case_id = k.id,"
            + " generate_series(1, "
            + cases
            + ") g WHERE r.id = '"
            + model
            + "'",
        "INSERT INTO takedown_request SELECT (jsonb_populate_record(r, jsonb_build_object("
            + "'id', gen_random_uuid(), 'case_id', md5('bulk' || g)::uuid,"
            + " 'case_external_ref', 'BULK-' || g, 'item_position', n,"
            + " 'due_at', r.due_at + g * interval '1 second', "
            + state
            + "))).*"
            + " FROM takedown_request r, generate_series(1, "
            + cases
            + ") g, generate_series(1, "
            + perCase
            + ") n WHERE r.id = '"
            + model
            + "'",
        "ANALYZE takedown_case",
        "ANALYZE takedown_request");
  }

  /**
   * The id {@link #copies} gave case {@code BULK-n}: PostgreSQL's {@code md5('bulk' || n)::uuid}.
   */
  public static UUID copiedCase(int n) {
    try {
      byte[] digest =
          MessageDigest.getInstance("MD5").digest(("bulk" + n).getBytes(StandardCharsets.UTF_8));
      ByteBuffer bytes = ByteBuffer.wrap(digest);
      return new UUID(bytes.getLong(), bytes.getLong());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  public void execute(String... statements) {
    transactions.executeWrite(
        status -> {
          try (Statement statement = status.getConnection().createStatement()) {
            for (String sql : statements) {
              statement.execute(sql);
            }
          }
          return null;
        });
  }
}
