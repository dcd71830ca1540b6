package org.takedown.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bench measures on a PostgreSQL as durable as production's, whatever zonky's defaults. */
class BenchPostgresTest {

  @TempDir Path dir;

  @Test
  void isDurableByDefault() throws Exception {
    assertSettings(true, "on");
  }

  @Test
  void isFastOnlyWhenAskedForAComparison() throws Exception {
    assertSettings(false, "off");
  }

  private void assertSettings(boolean durable, String expected) throws Exception {
    try (EmbeddedPostgres postgres = BenchMain.postgresOn(dir, durable).start();
        Connection connection = postgres.getPostgresDatabase().getConnection();
        Statement statement = connection.createStatement()) {
      for (String setting : new String[] {"fsync", "synchronous_commit", "full_page_writes"}) {
        try (ResultSet row = statement.executeQuery("SHOW " + setting)) {
          row.next();
          assertEquals(expected, row.getString(1), setting);
        }
      }
    }
  }
}
