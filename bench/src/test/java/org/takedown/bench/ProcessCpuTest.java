package org.takedown.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

class ProcessCpuTest {

  @Test
  void countsWhatAProcessAndItsEndedChildrenUsed() {
    // utime, stime, cutime and cstime are the 14th to 17th fields, after a name with spaces
    String stat =
        "4242 (postgres) (x) S 4200 4200 1 0 -1 1077936192 9 0 0 0 713 88 40 2 20 0 33 0 1234 5";

    assertEquals(843, ProcessCpu.withEndedChildren(stat));
  }

  @Test
  void readsThisJvmsCpuTime() {
    long pid = ProcessHandle.current().pid();
    double before = ProcessCpu.seconds(pid);
    long sum = 0;
    for (long i = 0; i < 400_000_000L; i++) {
      sum += i ^ (sum >>> 3);
    }

    assertTrue(sum != 0);
    assertTrue(ProcessCpu.seconds(pid) > before, "this JVM's CPU time grew");
  }

  @Test
  void addsUpTheCpuOfPostgreSqlsProcesses() throws Exception {
    try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
        Connection connection = postgres.getPostgresDatabase().getConnection();
        Statement statement = connection.createStatement()) {
      double before = ProcessCpu.postgresSeconds();
      try (ResultSet rows =
          statement.executeQuery("SELECT count(*) FROM generate_series(1, 20000000)")) {
        rows.next();
      }

      // the backend spent a few hundred milliseconds counting: at least a tenth of a second
      double used = ProcessCpu.postgresSeconds() - before;
      assertTrue(used >= 0.1, "PostgreSQL's processes used " + used + " s");
    }
  }
}
