package org.takedown.gateway.localrun;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.json.JsonMapper;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.URL;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.takedown.gateway.testing.Api;
import org.takedown.gateway.testing.Cases;

/**
 * Local mode keeps what it acknowledged: its embedded PostgreSQL writes durably, and a gateway
 * killed with SIGKILL (whose PostgreSQL outlives it) comes back at the first try with the same
 * command, its cases intact.
 */
class EmbeddedDatabaseIT {

  @TempDir Path dir;

  @AfterEach
  void noServerOutlivesTheTest() {
    EmbeddedDatabase.stopOrphanedServer(dir.resolve("data/postgres"));
    EmbeddedDatabase.stopOrphanedServer(dir.resolve("postgres"));
  }

  @Test
  void writesDurablyWhateverZonkysDefaults() throws Exception {
    try (EmbeddedPostgres postgres = EmbeddedDatabase.start(dir.resolve("postgres"));
        Connection connection = postgres.getPostgresDatabase().getConnection()) {
      for (String setting : List.of("fsync", "synchronous_commit", "full_page_writes")) {
        assertEquals("on", show(connection, setting), setting);
      }
    }
  }

  @Test
  void comesBackAtTheFirstTryAfterSigkillWithWhatItAcknowledged() throws Exception {
    String[] args = {
      "--gateway.local.data-dir=data",
      "--gateway.local.sandbox-base-port=0",
      "--gateway.local.issuer-port=0"
    };
    Path postgresDir = dir.resolve("data/postgres");
    String caseLocation;
    try (GatewayProcess first =
        GatewayProcess.mainClass(dir, LocalApplication.class.getName(), args)) {
      first.awaitHealthy(Duration.ofSeconds(120));
      Api api = api(first);
      Api.Answer created =
          api.post(
              "/api/v1/cases", token("submitter-1", "case-submitter"), api.toJson(Cases.sample()));
      assertEquals(201, created.status(), created.body());
      caseLocation = created.header("Location");
      first.kill();
    }
    assertTrue(
        EmbeddedDatabase.serverHolding(postgresDir).isPresent(),
        "the killed gateway's PostgreSQL outlives it: the case this test is about");

    try (GatewayProcess second =
        GatewayProcess.mainClass(dir, LocalApplication.class.getName(), args)) {
      second.awaitHealthy(Duration.ofSeconds(120));
      String log = second.output();
      assertTrue(log.contains("left running by an earlier run"), log);
      assertFalse(log.contains("Gave up waiting"), log);
      Api.Answer read = api(second).get(caseLocation, token("submitter-1", "case-submitter"));
      assertEquals(200, read.status(), read.body());
      assertEquals(4, read.list("requests").size(), read.body());
      assertEquals(GatewayProcess.STOPPED_BY_SIGTERM, second.stop(), second.output());
    }
    assertFalse(
        EmbeddedDatabase.serverHolding(postgresDir).isPresent(),
        "a gateway stopped with SIGTERM stops its PostgreSQL");
  }

  private Api api(GatewayProcess gateway) throws Exception {
    return new Api(new URL("http://127.0.0.1:" + gateway.port()), JsonMapper.createDefault());
  }

  private String token(String subject, String role) {
    return DevSigningKey.loadOrCreate(dir.resolve("data").resolve(LocalServices.DEV_AUTH_DIR))
        .issue(subject, List.of(role), "takedown-gateway", Duration.ofMinutes(5));
  }

  private static String show(Connection connection, String setting) throws Exception {
    try (Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery("SHOW " + setting)) {
      row.next();
      return row.getString(1);
    }
  }
}
