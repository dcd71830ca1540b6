package org.takedown.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * How long an exchange waits for a signed checkpoint that covers it (the contract's bound: 5 s):
 * for every entry of the stage's database, from its time ({@code at}, when the gateway made the
 * call or took the callback) to the first checkpoint whose tree holds its leaf. Read once the stage
 * is over and its gateway has integrated what it wrote; entries never integrated are counted apart,
 * as a failure of the bound, not left out of it.
 */
final class CustodyLag {

  private static final String LAG =
      """
      SELECT count(*) AS entries,
             count(*) FILTER (WHERE l.leaf_index IS NULL) AS not_integrated,
             percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM c.at - e.at) * 1000)
                 AS p50_ms,
             percentile_cont(0.99) WITHIN GROUP (ORDER BY extract(epoch FROM c.at - e.at) * 1000)
                 AS p99_ms,
             max(extract(epoch FROM c.at - e.at) * 1000) AS max_ms
      FROM custody_entry e
      LEFT JOIN custody_leaf l ON l.entry_id = e.id
      LEFT JOIN LATERAL (SELECT k.at FROM custody_checkpoint k WHERE k.tree_size > l.leaf_index
                         ORDER BY k.tree_size LIMIT 1) c ON true
      """;

  private CustodyLag() {}

  static void run(Options options) throws Exception {
    try (Connection db = DriverManager.getConnection(options.text("jdbc"))) {
      awaitIntegration(db, options.decimal("wait-seconds", 10));
      report(db);
    }
  }

  /** The stage's last exchanges are still being integrated when it ends: a bounded wait. */
  private static void awaitIntegration(Connection db, double seconds) throws Exception {
    long deadline = System.nanoTime() + (long) (seconds * 1e9);
    while (System.nanoTime() < deadline) {
      try (Statement statement = db.createStatement();
          ResultSet row =
              statement.executeQuery(
                  "SELECT count(*) FROM custody_entry e WHERE NOT EXISTS"
                      + " (SELECT 1 FROM custody_leaf l WHERE l.entry_id = e.id)")) {
        row.next();
        if (row.getLong(1) == 0) {
          return;
        }
      }
      Thread.sleep(100);
    }
  }

  private static void report(Connection db) throws Exception {
    try (Statement statement = db.createStatement();
        ResultSet row = statement.executeQuery(LAG)) {
      row.next();
      long entries = row.getLong("entries");
      Figures.print("custody_entries", entries);
      Figures.print("custody_not_integrated", row.getLong("not_integrated"));
      if (entries > 0) {
        Figures.print("custody_lag_p50_ms", row.getDouble("p50_ms"), 0);
        Figures.print("custody_lag_p99_ms", row.getDouble("p99_ms"), 0);
        Figures.print("custody_lag_max_ms", row.getDouble("max_ms"), 0);
      }
    }
  }
}
