package org.takedown.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.CountDownLatch;

/**
 * The harness bench/run drives, one command per invocation. Figures go to stdout as {@code
 * name=value} lines; progress goes to stderr.
 *
 * <pre>
 * postgres --dir D [--non-durable] an embedded PostgreSQL 17 until killed; prints jdbc=URL
 * pg-settings --jdbc URL           the server's durability settings and version, as figures
 * createdb --jdbc URL --name N     a fresh database; prints jdbc=URL of it
 * dropdb --jdbc URL --name N       drops it, then CHECKPOINT
 * intake --gateway URL --token T   stage 1: step the rate up, measure at half
 * pglimit --jdbc URL               stage 1: the intake transaction straight at PostgreSQL
 * backlog --gateway URL --token T --requests N
 * backlog-sql --jdbc URL --requests N   the same, written straight into the database
 * hold-back --jdbc URL --keep N    stage 2: all but N PENDING requests not due until released
 * await-dispatch --jdbc URL        stages 2, 3: requests/s to SUBMITTED ([--warm-up N] releases)
 * partner-raw --meta URL           stage 2: the partner's create endpoint at full speed
 * sandbox-warm-up --meta URL       before stage 2: the sandbox compiles its 503 and its answers
 * sandbox-calls --meta URL         create calls the Meta sandbox received
 * sandbox-delay --meta URL --millis M
 * outage --gateway URL --token T --meta URL --jdbc URL   stage 4 ([--warm-up-rate R] first)
 * console-seed --jdbc URL --requests N   stage 6: a year of requests, straight into the database
 * console --gateway URL --jdbc URL  stage 6: signs in as an officer, times the console's pages
 * stats --gateway URL --token T    stage 6: a year's statistics by platform, category and month
 * custody-lag --jdbc URL           exchange to signed checkpoint, over a stage's custody entries
 * </pre>
 */
public final class BenchMain {

  private BenchMain() {}

  public static void main(String[] args) throws Exception {
    if (args.length == 0) {
      System.err.println("usage: BenchMain COMMAND [--name value ...]; see the class comment");
      System.exit(2);
    }
    Options options = new Options(args, 1);
    switch (args[0]) {
      case "postgres" -> postgres(options);
      case "pg-settings" -> pgSettings(options);
      case "createdb" -> createDatabase(options);
      case "dropdb" -> dropDatabase(options);
      case "intake" -> IntakeBench.run(options);
      case "pglimit" -> PgLimit.run(options);
      case "backlog" -> Backlog.run(options);
      case "backlog-sql" -> PgLimit.backlog(options);
      case "hold-back" -> AwaitDispatch.holdBack(options);
      case "await-dispatch" -> AwaitDispatch.run(options);
      case "partner-raw" -> PartnerRaw.run(options);
      case "sandbox-warm-up" -> PartnerRaw.warmUp(options);
      case "sandbox-calls" ->
          Figures.print(
              "sandbox_create_calls", new MetaSandbox(options.text("meta")).createCalls());
      case "sandbox-delay" ->
          new MetaSandbox(options.text("meta")).delayAnswers(options.integer("millis", 0));
      case "outage" -> Outage.run(options);
      case "console-seed" -> ConsoleSeed.run(options);
      case "console" -> ConsoleBench.run(options);
      case "stats" -> StatsBench.run(options);
      case "stats-refreshed" -> StatsBench.awaitRefreshed(options);
      case "custody-lag" -> CustodyLag.run(options);
      default -> {
        System.err.println("unknown command " + args[0]);
        System.exit(2);
      }
    }
  }

  /**
   * Durable, as production runs: zonky's own defaults ({@code -F}, {@code synchronous_commit=off})
   * suit throw-away test databases and flatter every write. Settings given here come after its
   * options, so they win. {@code --non-durable} keeps zonky's, for comparison only.
   */
  private static void postgres(Options options) throws Exception {
    EmbeddedPostgres postgres =
        postgresOn(Path.of(options.text("dir")), !options.flag("non-durable")).start();
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    postgres.close();
                  } catch (Exception e) {
                    System.err.println("embedded PostgreSQL did not stop cleanly: " + e);
                  }
                }));
    System.out.println("jdbc=" + postgres.getJdbcUrl("postgres", "postgres"));
    System.out.flush();
    new CountDownLatch(1).await();
  }

  static EmbeddedPostgres.Builder postgresOn(Path dir, boolean durable) {
    String setting = durable ? "on" : "off";
    return EmbeddedPostgres.builder()
        .setDataDirectory(dir)
        .setCleanDataDirectory(true)
        // the default is 300; three gateways' pools (16 each) and the harness fit easily
        .setServerConfig("max_connections", "200")
        .setServerConfig("fsync", setting)
        .setServerConfig("synchronous_commit", setting)
        .setServerConfig("full_page_writes", setting);
  }

  /** What the figures were measured on: the settings that decide what a commit costs. */
  private static void pgSettings(Options options) throws Exception {
    try (Connection connection = DriverManager.getConnection(options.text("jdbc"));
        Statement statement = connection.createStatement()) {
      for (String setting :
          new String[] {"fsync", "synchronous_commit", "full_page_writes", "server_version"}) {
        try (ResultSet row = statement.executeQuery("SHOW " + setting)) {
          row.next();
          Figures.print("pg_" + setting, row.getString(1));
        }
      }
    }
  }

  private static void createDatabase(Options options) throws Exception {
    String url = options.text("jdbc");
    String name = databaseName(options);
    execute(url, "CREATE DATABASE " + name);
    System.out.println("jdbc=" + url.replaceFirst("/postgres\\?", "/" + name + "?"));
  }

  /** A database name to put in a statement: checked, since it cannot be a parameter. */
  private static String databaseName(Options options) {
    String name = options.text("name");
    if (!name.matches("[a-z][a-z0-9_]*")) {
      throw new IllegalArgumentException("database names here are lower-case words: " + name);
    }
    return name;
  }

  private static void execute(String url, String... statements) throws Exception {
    try (Connection connection = DriverManager.getConnection(url);
        Statement statement = connection.createStatement()) {
      for (String sql : statements) {
        statement.execute(sql);
      }
    }
  }

  /**
   * Drops a stage's database once the stage is over, then checkpoints: the next stage should not
   * share the cores with autovacuum and checkpoint work on the last one's hundreds of thousands of
   * rows.
   */
  private static void dropDatabase(Options options) throws Exception {
    execute(
        options.text("jdbc"),
        "DROP DATABASE IF EXISTS " + databaseName(options) + " WITH (FORCE)",
        "CHECKPOINT");
  }
}
