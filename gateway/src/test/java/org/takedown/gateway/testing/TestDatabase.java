package org.takedown.gateway.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import org.flywaydb.core.Flyway;

/**
 * One real PostgreSQL per test JVM. The schema is migrated once into a template database, and each
 * test class gets a fresh database cloned from it, which takes milliseconds.
 */
public final class TestDatabase {

  private static final String TEMPLATE = "migrated";
  private static final AtomicInteger DATABASES = new AtomicInteger();
  private static EmbeddedPostgres postgres;

  private TestDatabase() {}

  /** The JDBC URL of a new, migrated, empty database (user {@code postgres}, no password). */
  public static synchronized String freshDatabaseUrl() {
    EmbeddedPostgres server = server();
    String name = "test_" + DATABASES.incrementAndGet();
    execute(server, "CREATE DATABASE " + name + " TEMPLATE " + TEMPLATE);
    return server.getJdbcUrl("postgres", name);
  }

  /** The JDBC URL of a new database without any schema, for tests of the migrations themselves. */
  public static synchronized String emptyDatabaseUrl() {
    EmbeddedPostgres server = server();
    String name = "empty_" + DATABASES.incrementAndGet();
    execute(server, "CREATE DATABASE " + name);
    return server.getJdbcUrl("postgres", name);
  }

  public static synchronized EmbeddedPostgres server() {
    if (postgres == null) {
      try {
        postgres = EmbeddedPostgres.builder().start();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot start the embedded PostgreSQL", e);
      }
      EmbeddedPostgres started = postgres;
      Runtime.getRuntime().addShutdownHook(new Thread(() -> close(started)));
      execute(postgres, "CREATE DATABASE " + TEMPLATE);
      Flyway.configure()
          .dataSource(postgres.getDatabase("postgres", TEMPLATE))
          .locations("classpath:db/migration")
          .load()
          .migrate();
    }
    return postgres;
  }

  private static void execute(EmbeddedPostgres server, String sql) {
    try (Connection connection = server.getPostgresDatabase().getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(sql + " failed", e);
    }
  }

  private static void close(EmbeddedPostgres server) {
    try {
      server.close();
    } catch (IOException e) {
      // the JVM is going away; the temporary cluster is deleted with it
    }
  }
}
