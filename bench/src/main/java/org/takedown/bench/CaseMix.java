package org.takedown.bench;

import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Case submissions in a realistic mix: 1 to 5 items each, categories in the proportions of the
 * brigade's 2024 report in shared/seeds (60% fraud, 20% sexual extortion, 10% insult and
 * defamation, 5% threats, 5% other), items spread over the three partners, or all at Meta for the
 * dispatch stages. Every item URL is unique, so no two requests look alike to a partner.
 */
final class CaseMix {

  /** Which partners a case's items go to. */
  enum Partners {
    ALL,
    META
  }

  record Weighted(String category, int percent) {}

  static final List<Weighted> CATEGORIES =
      List.of(
          new Weighted("FRAUD", 60),
          new Weighted("SEXTORTION", 20),
          new Weighted("DEFAMATION", 10),
          new Weighted("THREATS", 5),
          new Weighted("OTHER", 5));

  static final int MIN_ITEMS = 1;
  static final int MAX_ITEMS = 5;

  /** One submission: its JSON body, its Idempotency-Key and how many requests it creates. */
  record Submission(String externalRef, String category, int items, String json) {}

  private static final AtomicLong SEQUENCE = new AtomicLong(System.nanoTime() % 1_000_000_000L);

  private final Partners partners;
  private final String runId;

  CaseMix(Partners partners, String runId) {
    this.partners = partners;
    this.runId = runId;
  }

  Submission next(SplittableRandom random) {
    long number = SEQUENCE.incrementAndGet();
    String externalRef = "BENCH-" + runId + "-" + number;
    String category = category(random.nextInt(100));
    int items = random.nextInt(MIN_ITEMS, MAX_ITEMS + 1);
    StringBuilder json = new StringBuilder(1024);
    json.append("{\"externalRef\":\"")
        .append(externalRef)
        .append("\",")
        .append("\"category\":\"")
        .append(category)
        .append("\",")
        .append("\"priority\":\"URGENT\",")
        .append("\"legalBasis\":{\"law\":\"Loi 103-13\",\"article\":\"art. 447-1\",")
        .append("\"authorizationRef\":\"PR-RABAT-2024-551\"},")
        .append("\"requestedBy\":{\"name\":\"Cdt. Bench\",\"email\":\"liaison@bnpj.test\",")
        .append("\"unit\":\"BNPJ / Brigade technique\"},")
        .append("\"nonDisclosure\":true,\"items\":[");
    for (int i = 0; i < items; i++) {
      if (i > 0) {
        json.append(',');
      }
      long itemNumber = number * 10 + i;
      int partner = partners == Partners.META ? 1 : random.nextInt(3);
      json.append("{\"url\":\"")
          .append(url(partner, itemNumber))
          .append("\",")
          .append("\"actions\":[\"TAKEDOWN\"],")
          .append("\"evidenceSha256\":")
          .append("\"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08\",")
          .append("\"observedAt\":\"2024-06-20T10:00:00Z\"}");
    }
    json.append("]}");
    return new Submission(externalRef, category, items, json.toString());
  }

  static String category(int percentile) {
    int bound = 0;
    for (Weighted weighted : CATEGORIES) {
      bound += weighted.percent();
      if (percentile < bound) {
        return weighted.category();
      }
    }
    throw new IllegalArgumentException("percentile out of 0..99: " + percentile);
  }

  private static String url(int partner, long n) {
    return switch (partner) {
      case 0 -> "https://www.tiktok.com/@user" + n + "/video/" + (7_300_000_000_000_000_000L + n);
      case 1 -> "https://www.facebook.com/permalink.php?story_fbid=10" + n + "&id=4" + n;
      default -> "https://www.youtube.com/watch?v=" + youtubeId(n);
    };
  }

  private static String youtubeId(long n) {
    String id = Long.toString(n, 36);
    return "a".repeat(Math.max(0, 11 - id.length())) + id.substring(Math.max(0, id.length() - 11));
  }
}
