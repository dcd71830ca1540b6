package org.takedown.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CaseMixTest {

  @Test
  void categoriesFollowTheReportsProportions() {
    Map<String, Integer> seen = new HashMap<>();
    for (int percentile = 0; percentile < 100; percentile++) {
      seen.merge(CaseMix.category(percentile), 1, Integer::sum);
    }
    assertEquals(
        Map.of("FRAUD", 60, "SEXTORTION", 20, "DEFAMATION", 10, "THREATS", 5, "OTHER", 5), seen);
  }

  @Test
  void casesHoldOneToFiveItemsOverAllThreePartners() {
    CaseMix mix = new CaseMix(CaseMix.Partners.ALL, "test");
    SplittableRandom random = new SplittableRandom(1);
    Map<Integer, Integer> sizes = new HashMap<>();
    String all = "";
    for (int i = 0; i < 500; i++) {
      CaseMix.Submission submission = mix.next(random);
      sizes.merge(submission.items(), 1, Integer::sum);
      all += submission.json();
    }
    assertEquals(5, sizes.size());
    assertTrue(sizes.keySet().stream().allMatch(n -> n >= 1 && n <= 5));
    assertTrue(all.contains("tiktok.com") && all.contains("facebook.com"));
    assertTrue(all.contains("youtube.com"));
  }

  @Test
  void metaCasesGoToMetaOnly() {
    CaseMix mix = new CaseMix(CaseMix.Partners.META, "test");
    String json = mix.next(new SplittableRandom(2)).json();
    assertFalse(json.contains("tiktok.com") || json.contains("youtube.com"));
  }
}
