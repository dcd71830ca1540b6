package org.takedown.gateway.custody;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.takedown.gateway.testing.TestDatabase;

/**
 * V16 moves the tree's leaves out of custody_entry: a log integrated under V15 keeps every leaf,
 * byte for byte, its pending entries stay pending, and the log goes on growing from there.
 */
class CustodyLeafMigrationIT {

  @Test
  void aLogIntegratedBeforeV16KeepsItsLeavesAndGoesOnGrowing() throws SQLException {
    String url = TestDatabase.emptyDatabaseUrl();
    migrate(url, "15");
    try (Connection db = DriverManager.getConnection(url, "postgres", "");
        Statement sql = db.createStatement()) {
      for (int i = 0; i < 4; i++) {
        sql.execute(
            "INSERT INTO custody_entry (kind, at, actor, content)"
                + " VALUES ('officer.action', now(), 'officer-1', 'entry-"
                + i
                + "')");
      }
      // V15's integrator: the first three entries given their index and leaf input
      for (int i = 0; i < 3; i++) {
        sql.execute(
            "UPDATE custody_entry SET leaf_index = "
                + i
                + ", leaf_input = 'leaf-"
                + i
                + "' WHERE content = 'entry-"
                + i
                + "'");
      }
    }

    migrate(url, null);

    try (Connection db = DriverManager.getConnection(url, "postgres", "");
        Statement sql = db.createStatement()) {
      assertEquals(
          List.of("0 entry-0 leaf-0", "1 entry-1 leaf-1", "2 entry-2 leaf-2"),
          rows(
              sql,
              "SELECT l.leaf_index || ' ' || convert_from(e.content, 'UTF8') || ' '"
                  + " || convert_from(l.leaf_input, 'UTF8') FROM custody_leaf l"
                  + " JOIN custody_entry e ON e.id = l.entry_id ORDER BY l.leaf_index"));
      assertFalse(
          rows(
                  sql,
                  "SELECT column_name FROM information_schema.columns"
                      + " WHERE table_name = 'custody_entry'")
              .contains("leaf_index"),
          "custody_entry holds no leaf any more");
      // the next leaf is index 3, for the entry still pending; a gap is refused
      SQLException gap =
          assertThrows(
              SQLException.class,
              () ->
                  sql.execute(
                      "INSERT INTO custody_leaf SELECT 4, id, 'leaf-3' FROM custody_entry"
                          + " WHERE content = 'entry-3'"));
      assertTrue(gap.getMessage().contains("not the next indexes"), gap.getMessage());
      sql.execute(
          "INSERT INTO custody_leaf SELECT 3, id, 'leaf-3' FROM custody_entry"
              + " WHERE content = 'entry-3'");
      assertEquals(List.of("4"), rows(sql, "SELECT count(*) FROM custody_leaf"));
    }
  }

  private static void migrate(String url, String target) {
    var configuration =
        Flyway.configure().dataSource(url, "postgres", "").locations("classpath:db/migration");
    if (target != null) {
      configuration.target(target);
    }
    configuration.load().migrate();
  }

  private static List<String> rows(Statement sql, String query) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (ResultSet result = sql.executeQuery(query)) {
      while (result.next()) {
        rows.add(result.getString(1));
      }
    }
    return rows;
  }
}
