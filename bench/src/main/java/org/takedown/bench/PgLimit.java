package org.takedown.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The database's limit for intake: the transaction the gateway runs for one case submission (claim
 * the Idempotency-Key, look up the externalRef, insert the case, its items, its requests and their
 * first history lines, bind the key), replayed over plain JDBC by as many clients as the gateway's
 * connection pool holds, with the same case mix. No HTTP, no JSON, no validation: what is left is
 * PostgreSQL's cost, so intake / this is the gateway's efficiency.
 */
final class PgLimit {

  // The statements of gateway/.../intake/CaseStore and request/RequestHistory, verbatim.
  static final String CLAIM_KEY =
      "INSERT INTO idempotency_record (submitter, idempotency_key, body_sha256, created_at)"
          + " VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING";
  static final String CASE_BY_REF =
      "SELECT id FROM takedown_case WHERE submitter = ? AND external_ref = ?";
  static final String INSERT_CASE =
      "INSERT INTO takedown_case (id, submitter, external_ref, category, priority, legal_law,"
          + " legal_article, legal_authorization_ref, requester_name, requester_email,"
          + " requester_unit, non_disclosure, created_at)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
  static final String INSERT_ITEM =
      "INSERT INTO case_item (case_id, position, url, canonical_url, content_id,"
          + " evidence_sha256, observed_at, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
  static final String INSERT_REQUEST =
      "INSERT INTO takedown_request (id, case_id, item_position, submitter, category,"
          + " case_external_ref, platform, action, url, canonical_url, content_id, status,"
          + " attempts, next_attempt_at, due_at, created_at, updated_at)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'PENDING', 0, ?, ?, ?, ?)";
  static final String INSERT_HISTORY =
      "INSERT INTO request_history (request_id, at, from_status, to_status, source, actor, detail)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?)";
  static final String BIND_KEY =
      "UPDATE idempotency_record SET case_id = ? WHERE submitter = ? AND idempotency_key = ?";

  private static final String SUBMITTER = "bench-pg";
  private static final String[] PLATFORMS = {"TIKTOK", "META", "GOOGLE"};

  private PgLimit() {}

  /** A connection with the driver settings of the gateway's pool (its application.yml). */
  static Connection connect(String url) throws java.sql.SQLException {
    java.util.Properties settings = new java.util.Properties();
    settings.setProperty("reWriteBatchedInserts", "true");
    return DriverManager.getConnection(url, settings);
  }

  static void run(Options options) throws Exception {
    String url = options.text("jdbc");
    int clients = options.integer("clients", 16);
    long millis = options.seconds("seconds", 10).toMillis();
    AtomicLong transactions = new AtomicLong();
    AtomicBoolean counting = new AtomicBoolean(false);
    AtomicBoolean stop = new AtomicBoolean(false);
    List<Thread> threads = new ArrayList<>();
    List<Exception> failures = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      int client = c;
      Thread thread =
          new Thread(
              () -> {
                try (Connection connection = connect(url)) {
                  connection.setAutoCommit(false);
                  SplittableRandom random = new SplittableRandom(client);
                  long n = 0;
                  while (!stop.get()) {
                    submitCase(connection, random, client + "-" + n++, null);
                    if (counting.get()) {
                      transactions.incrementAndGet();
                    }
                  }
                } catch (Exception e) {
                  synchronized (failures) {
                    failures.add(e);
                  }
                }
              },
              "pg-limit-" + c);
      thread.start();
      threads.add(thread);
    }
    Thread.sleep(Math.min(3000, millis / 3)); // warm-up: connections, plans, caches
    counting.set(true);
    long start = System.nanoTime();
    Thread.sleep(millis);
    long counted = transactions.get();
    double seconds = (System.nanoTime() - start) / 1e9;
    stop.set(true);
    for (Thread thread : threads) {
      thread.join();
    }
    if (!failures.isEmpty()) {
      throw failures.get(0);
    }
    Figures.note("%d clients: %d case transactions in %.1f s", clients, counted, seconds);
    Figures.print("pg_limit_tx_per_s", counted / seconds);
  }

  /**
   * A backlog for the dispatch stage, written as intake writes it but straight into the database
   * (much faster than through the API, and the stage measures dispatch, not intake): {@code
   * --requests N} PENDING requests, all at {@code --platform}.
   */
  static void backlog(Options options) throws Exception {
    String url = options.text("jdbc");
    String platform = options.text("platform", "META");
    int wanted = options.integer("requests", 1000);
    AtomicLong stored = new AtomicLong();
    AtomicLong claimed = new AtomicLong();
    List<Thread> threads = new ArrayList<>();
    List<Exception> failures = new ArrayList<>();
    long start = System.nanoTime();
    for (int c = 0; c < 8; c++) {
      int client = c;
      Thread thread =
          new Thread(
              () -> {
                try (Connection connection = connect(url)) {
                  connection.setAutoCommit(false);
                  SplittableRandom random = new SplittableRandom(100 + client);
                  long n = 0;
                  while (claimed.get() < wanted) {
                    int items = submitCase(connection, random, "b" + client + "-" + n++, platform);
                    claimed.addAndGet(items);
                    stored.addAndGet(items);
                  }
                } catch (Exception e) {
                  synchronized (failures) {
                    failures.add(e);
                  }
                }
              },
              "backlog-" + c);
      thread.start();
      threads.add(thread);
    }
    for (Thread thread : threads) {
      thread.join();
    }
    if (!failures.isEmpty()) {
      throw failures.get(0);
    }
    Figures.note(
        "backlog: %d %s requests written in %.1f s",
        stored.get(), platform, (System.nanoTime() - start) / 1e9);
    Figures.print("backlog_requests", stored.get());
  }

  /** One case; {@code platform} null spreads its items over the three partners. */
  private static int submitCase(Connection db, SplittableRandom random, String key, String platform)
      throws SQLException {
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    String externalRef = "PG-" + UUID.randomUUID();
    String category = CaseMix.category(random.nextInt(100));
    int items = random.nextInt(CaseMix.MIN_ITEMS, CaseMix.MAX_ITEMS + 1);
    UUID caseId = UUID.randomUUID();
    try (PreparedStatement claim = db.prepareStatement(CLAIM_KEY)) {
      claim.setString(1, SUBMITTER);
      claim.setString(2, key + "-" + externalRef);
      claim.setString(3, "0".repeat(64));
      claim.setObject(4, now);
      claim.executeUpdate();
    }
    try (PreparedStatement lookup = db.prepareStatement(CASE_BY_REF)) {
      lookup.setString(1, SUBMITTER);
      lookup.setString(2, externalRef);
      lookup.executeQuery().close();
    }
    try (PreparedStatement insert = db.prepareStatement(INSERT_CASE)) {
      insert.setObject(1, caseId);
      insert.setString(2, SUBMITTER);
      insert.setString(3, externalRef);
      insert.setString(4, category);
      insert.setString(5, "URGENT");
      insert.setString(6, "Loi 103-13");
      insert.setString(7, "art. 447-1");
      insert.setString(8, "PR-RABAT-2024-551");
      insert.setString(9, "Cdt. Bench");
      insert.setString(10, "liaison@bnpj.test");
      insert.setString(11, "BNPJ / Brigade technique");
      insert.setBoolean(12, true);
      insert.setObject(13, now);
      insert.executeUpdate();
    }
    UUID[] requestIds = new UUID[items];
    try (PreparedStatement item = db.prepareStatement(INSERT_ITEM);
        PreparedStatement request = db.prepareStatement(INSERT_REQUEST)) {
      for (int position = 0; position < items; position++) {
        String url =
            platform == null
                ? "https://www.example-partner.test/content/" + caseId + "/" + position
                : "https://www.facebook.com/permalink.php?story_fbid=" + caseId + "&id=" + position;
        item.setObject(1, caseId);
        item.setInt(2, position);
        item.setString(3, url);
        item.setString(4, url);
        item.setString(5, caseId + "-" + position);
        item.setString(6, "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");
        item.setObject(7, now);
        item.setString(8, null);
        item.addBatch();
        requestIds[position] = UUID.randomUUID();
        request.setObject(1, requestIds[position]);
        request.setObject(2, caseId);
        request.setInt(3, position);
        request.setString(4, SUBMITTER);
        request.setString(5, category);
        request.setString(6, externalRef);
        request.setString(
            7, platform != null ? platform : PLATFORMS[random.nextInt(PLATFORMS.length)]);
        request.setString(8, "TAKEDOWN");
        request.setString(9, url);
        request.setString(10, url);
        request.setString(11, caseId + "-" + position);
        request.setObject(12, now);
        request.setObject(13, now.plusHours(24));
        request.setObject(14, now);
        request.setObject(15, now);
        request.addBatch();
      }
      item.executeBatch();
      request.executeBatch();
    }
    try (PreparedStatement history = db.prepareStatement(INSERT_HISTORY)) {
      for (UUID requestId : requestIds) {
        history.setObject(1, requestId);
        history.setObject(2, now);
        history.setString(3, null);
        history.setString(4, "PENDING");
        history.setString(5, "gateway");
        history.setString(6, SUBMITTER);
        history.setString(7, "created from case " + externalRef);
        history.addBatch();
      }
      history.executeBatch();
    }
    try (PreparedStatement bind = db.prepareStatement(BIND_KEY)) {
      bind.setObject(1, caseId);
      bind.setString(2, SUBMITTER);
      bind.setString(3, key + "-" + externalRef);
      bind.executeUpdate();
    }
    db.commit();
    return items;
  }
}
