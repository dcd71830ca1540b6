package org.takedown.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;

/**
 * A year of a unit's work written straight into the database, for the console stage: cases of two
 * items each, their requests spread over the three partners and the year, most of them answered
 * long ago, the last days' still open (a few overdue), each with the history lines its state took.
 * Set-based SQL in chunks: through the API a million requests would take the bench an hour.
 *
 * <p>The mix is the unit's (DGSN's e-Blagh figures: 60% fraud, 20% sexual extortion, 10%
 * defamation, 5% threats) plus a share of TERRORISM, whose one-hour clock the work queue marks.
 * {@code setseed} makes it the same every run.
 */
final class ConsoleSeed {

  static final String SUBMITTER = "bench-console";

  /** Requests per transaction: small enough for the WAL, large enough to be set-based. */
  private static final int CHUNK = 100_000;

  private ConsoleSeed() {}

  static void run(Options options) throws Exception {
    int wanted = options.integer("requests", 1_000_000);
    int cases = (wanted + 1) / 2;
    long start = System.nanoTime();
    try (Connection db = DriverManager.getConnection(options.text("jdbc"))) {
      db.setAutoCommit(false);
      try (Statement statement = db.createStatement()) {
        statement.execute("SELECT setseed(0.17)");
      }
      for (int from = 1; from <= cases; from += CHUNK / 2) {
        int to = Math.min(cases, from + CHUNK / 2 - 1);
        seedCases(db, from, to);
        db.commit();
      }
      try (Statement statement = db.createStatement()) {
        statement.execute("ANALYZE takedown_case");
        statement.execute("ANALYZE case_item");
        statement.execute("ANALYZE takedown_request");
        statement.execute("ANALYZE request_history");
      }
      db.commit();
    }
    Figures.note(
        "console seed: %d requests written in %.1f s",
        cases * 2L, (System.nanoTime() - start) / 1e9);
    Figures.print("console_requests", cases * 2L);
  }

  private static void seedCases(Connection db, int from, int to) throws Exception {
    try (Statement statement = db.createStatement()) {
      statement.execute("DROP TABLE IF EXISTS seed_request");
      statement.execute("DROP TABLE IF EXISTS seed_case");
    }
    // the chunk's bounds as transaction settings: CREATE TABLE AS takes no bind parameters
    try (PreparedStatement bounds =
        db.prepareStatement(
            "SELECT set_config('seed.from', ?, true), set_config('seed.to', ?, true)")) {
      bounds.setString(1, Integer.toString(from));
      bounds.setString(2, Integer.toString(to));
      bounds.execute();
    }
    try (Statement statement = db.createStatement()) {
      statement.execute(SEED_CASES);
      statement.execute(SEED_REQUESTS);
      statement.execute(INSERT_CASES);
      statement.execute(INSERT_ITEMS);
      statement.execute(INSERT_REQUESTS);
      statement.execute(INSERT_HISTORY);
    }
  }

  /** Each case: its category, priority, age (seconds, up to a year) and deadline. */
  private static final String SEED_CASES =
      """
      CREATE TEMP TABLE seed_case ON COMMIT DROP AS
      SELECT c, md5('console-case-' || c)::uuid AS id, category, priority,
             now() - make_interval(secs => age) AS created_at,
             CASE WHEN priority = 'EMERGENCY' OR category = 'TERRORISM' THEN interval '1 hour'
                  WHEN priority = 'URGENT' THEN interval '24 hours'
                  ELSE interval '72 hours' END AS deadline
      FROM (SELECT c,
                   CASE WHEN r < 0.60 THEN 'FRAUD' WHEN r < 0.80 THEN 'SEXTORTION'
                        WHEN r < 0.90 THEN 'DEFAMATION' WHEN r < 0.95 THEN 'THREATS'
                        WHEN r < 0.96 THEN 'TERRORISM' ELSE 'OTHER' END AS category,
                   CASE WHEN p < 0.05 THEN 'EMERGENCY' WHEN p < 0.60 THEN 'URGENT'
                        ELSE 'ROUTINE' END AS priority,
                   floor(random() * 31536000) AS age
            FROM (SELECT c, random() AS r, random() AS p FROM generate_series(current_setting('seed.from')::int,
                                                          current_setting('seed.to')::int) c) drawn) s
      """;

  /**
   * Two requests per case. Older than three days: answered (88% COMPLETED), else FAILED, CANCELLED
   * or, for a preservation, EXPIRED (and EXPIRED too once its 90 days have passed). Younger: a
   * third each PENDING, with the partner, and answered. What a state implies (partner reference,
   * outcome, preservation end) follows it.
   */
  private static final String SEED_REQUESTS =
      """
      CREATE TEMP TABLE seed_request ON COMMIT DROP AS
      -- a preservation whose 90 days have passed has lapsed: EXPIRED, as the preservation watch
      -- would have left it, so that nothing in the seed changes while the stage runs
      SELECT id, case_id, c, item, category, created_at, due_at, platform, action,
             CASE WHEN status = 'COMPLETED' AND action = 'PRESERVATION'
                       AND answered_at + interval '90 days' <= now() THEN 'EXPIRED'
                  ELSE status END AS status,
             outcome, answered_at
      FROM (
      SELECT id, case_id, c, item, category, created_at, due_at, platform, action, status,
             CASE WHEN status = 'COMPLETED' AND action = 'PRESERVATION' THEN 'PRESERVED'
                  WHEN status = 'EXPIRED' THEN 'PRESERVED'
                  WHEN status = 'COMPLETED' AND o < 0.75 THEN 'REMOVED'
                  WHEN status = 'COMPLETED' AND o < 0.85 THEN 'RESTRICTED'
                  WHEN status = 'COMPLETED' AND o < 0.93 THEN 'NOT_FOUND'
                  WHEN status = 'COMPLETED' THEN 'NO_VIOLATION' END AS outcome,
             -- within 40 hours, and never later than now (the last days' requests)
             created_at + least(make_interval(secs => 60 + o * 40 * 3600),
                                (now() - created_at) * 0.9) AS answered_at
      FROM (SELECT *,
                   CASE WHEN created_at > now() - interval '3 days' THEN
                          CASE WHEN s < 0.33 THEN 'PENDING' WHEN s < 0.5 THEN 'SUBMITTED'
                               WHEN s < 0.66 THEN 'IN_REVIEW' ELSE 'COMPLETED' END
                        WHEN s < 0.88 THEN 'COMPLETED'
                        WHEN s < 0.93 THEN 'FAILED'
                        WHEN s < 0.97 OR action = 'TAKEDOWN' THEN 'CANCELLED'
                        ELSE 'EXPIRED' END AS status
            -- random() in a subquery's select list keeps it from being pulled up: one draw a row
            FROM (SELECT md5('console-request-' || sc.c || '-' || item)::uuid AS id,
                         sc.id AS case_id, sc.c, item, sc.category, sc.created_at,
                         sc.created_at + sc.deadline AS due_at,
                         (ARRAY['META', 'TIKTOK', 'GOOGLE'])[1 + floor(random() * 3)::int]
                             AS platform,
                         CASE WHEN item = 2 AND random() < 0.2 THEN 'PRESERVATION'
                              ELSE 'TAKEDOWN' END AS action,
                         random() AS s, random() AS o
                  FROM seed_case sc CROSS JOIN generate_series(1, 2) item) drawn) stated
      ) answered
      """;

  private static final String INSERT_CASES =
      """
      INSERT INTO takedown_case (id, submitter, external_ref, category, priority, legal_law,
          legal_article, legal_authorization_ref, requester_name, requester_email, requester_unit,
          non_disclosure, created_at)
      SELECT id, 'bench-console', 'CB-' || c, category, priority, 'Loi 103-13', 'art. 447-1',
             'PR-RABAT-2024-' || (c % 1000), 'Cdt. Bench', 'liaison@bnpj.test',
             'BNPJ / Brigade technique', c % 4 = 0, created_at
      FROM seed_case
      """;

  private static final String INSERT_ITEMS =
      """
      INSERT INTO case_item (case_id, position, url, canonical_url, content_id, evidence_sha256,
          observed_at, note)
      SELECT case_id, item, url, url, platform || '-' || c || '-' || item, md5(url) || md5(url),
             created_at - interval '1 hour', NULL
      FROM (SELECT *, CASE platform
                        WHEN 'META' THEN 'https://www.facebook.com/bench/posts/'
                        WHEN 'TIKTOK' THEN 'https://www.tiktok.com/@bench/video/'
                        ELSE 'https://www.youtube.com/watch?v=' END || c || '-' || item AS url
            FROM seed_request) r
      """;

  private static final String INSERT_REQUESTS =
      """
      INSERT INTO takedown_request (id, case_id, item_position, submitter, category,
          case_external_ref, platform, action, url, canonical_url, content_id, status, outcome,
          partner_ref, attempts, next_attempt_at, last_error, due_at, preserved_until, created_at,
          updated_at, next_poll_at)
      SELECT r.id, r.case_id, r.item, 'bench-console', r.category, 'CB-' || r.c, r.platform,
             r.action, i.url, i.canonical_url, i.content_id, r.status, r.outcome,
             CASE WHEN r.status IN ('SUBMITTED', 'IN_REVIEW', 'COMPLETED', 'EXPIRED')
                  THEN lower(r.platform) || '-ref-' || r.c || '-' || r.item END,
             CASE WHEN r.status = 'PENDING' THEN 0 WHEN r.status = 'FAILED' THEN 8 ELSE 1 END,
             CASE WHEN r.status = 'PENDING' THEN r.created_at END,
             CASE WHEN r.status = 'FAILED' THEN 'partner answered 503 eight times' END,
             r.due_at,
             CASE WHEN r.outcome = 'PRESERVED' THEN r.answered_at + interval '90 days' END,
             r.created_at,
             CASE WHEN r.status = 'PENDING' THEN r.created_at ELSE r.answered_at END,
             CASE WHEN r.status IN ('SUBMITTED', 'IN_REVIEW') THEN now() + interval '5 minutes' END
      FROM seed_request r
      JOIN case_item i ON i.case_id = r.case_id AND i.position = r.item
      """;

  /**
   * The lines each state took: filed; sent (or failed); the partner's answer or the officer's; for
   * an expired preservation, its lapse 90 days after the answer.
   */
  private static final String INSERT_HISTORY =
      """
      INSERT INTO request_history (request_id, at, from_status, to_status, source, actor, detail)
      SELECT id, created_at, NULL, 'PENDING', 'gateway', 'bench-console', 'filed'
      FROM seed_request
      UNION ALL
      SELECT id, created_at + (answered_at - created_at) * 0.01, 'PENDING',
             CASE WHEN status = 'FAILED' THEN 'FAILED' ELSE 'SUBMITTED' END, 'gateway', NULL,
             CASE WHEN status = 'FAILED' THEN 'partner answered 503 eight times'
                  ELSE 'sent to ' || platform END
      FROM seed_request WHERE status NOT IN ('PENDING', 'CANCELLED')
      UNION ALL
      SELECT id, answered_at, 'SUBMITTED',
             CASE WHEN status = 'EXPIRED' THEN 'COMPLETED' ELSE status END, 'partner-callback',
             NULL, outcome
      FROM seed_request WHERE status IN ('IN_REVIEW', 'COMPLETED', 'EXPIRED')
      UNION ALL
      SELECT id, least(answered_at + interval '90 days', now()), 'COMPLETED', 'EXPIRED', 'gateway', NULL,
             'preservation lapsed'
      FROM seed_request WHERE status = 'EXPIRED'
      UNION ALL
      SELECT id, answered_at, 'PENDING', 'CANCELLED', 'officer', 'officer-1', 'duplicate report'
      FROM seed_request WHERE status = 'CANCELLED'
      """;
}
