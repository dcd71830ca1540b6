package org.takedown.gateway.statistics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/**
 * The percentiles of {@link Seconds}, a group's and the totals' across groups, against the
 * definition of PostgreSQL's percentile_cont applied to the sorted values: bit for bit, including
 * values so alike that the totals' counting must split a bucket again or down to the last bit.
 */
class SecondsTest {

  private static byte[] packed(double... values) {
    ByteBuffer buffer = ByteBuffer.allocate(values.length * Double.BYTES);
    buffer.asDoubleBuffer().put(values);
    return buffer.array();
  }

  /** percentile_cont as orderedsetaggs.c computes it, over a sorted copy. */
  private static double reference(double[] values, double p) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    double position = p * (sorted.length - 1);
    double first = Math.floor(position);
    double lo = sorted[(int) first];
    if (Math.ceil(position) == first) {
      return lo;
    }
    double hi = sorted[(int) first + 1];
    return lo + ((position - first) * (hi - lo));
  }

  /**
   * Spreads {@code all} over {@code groups} groups (in chunks of random sizes, some empty), and
   * checks each group's percentiles and the totals'.
   */
  private static void checkSpread(double[] all, int groups, Random random) {
    List<Seconds> seconds = new ArrayList<>();
    List<double[]> parts = new ArrayList<>();
    int from = 0;
    for (int g = 0; g < groups; g++) {
      int to = g == groups - 1 ? all.length : from + random.nextInt(all.length - from + 1);
      double[] part = Arrays.copyOfRange(all, from, to);
      Seconds group = new Seconds();
      // added in pieces, as rows of a group arrive
      for (int i = 0; i < part.length; i += 7) {
        group.add(packed(Arrays.copyOfRange(part, i, Math.min(part.length, i + 7))));
      }
      seconds.add(group);
      parts.add(part);
      from = to;
    }
    for (int g = 0; g < groups; g++) {
      assertPercentiles(parts.get(g), seconds.get(g).percentiles(), "group " + g);
    }
    assertPercentiles(all, Seconds.ofGroups(seconds).percentiles(), "totals");
  }

  private static void assertPercentiles(double[] values, Figures.Percentiles actual, String what) {
    if (values.length == 0) {
      assertNull(actual, what);
      return;
    }
    assertEquals(reference(values, 0.5), actual.p50(), what + ": p50 of " + values.length);
    assertEquals(reference(values, 0.9), actual.p90(), what + ": p90 of " + values.length);
  }

  private static double[] values(int count, IntFunction<Double> value) {
    double[] values = new double[count];
    for (int i = 0; i < count; i++) {
      values[i] = value.apply(i);
    }
    return values;
  }

  @Test
  void randomSecondsInManyGroups() {
    Random random = new Random(19);
    for (int round = 0; round < 40; round++) {
      int count = random.nextInt(round < 20 ? 12 : 5_000);
      double[] all = values(count, i -> Math.exp(random.nextGaussian() * 4) * 3_600);
      checkSpread(all, 1 + random.nextInt(12), random);
    }
  }

  @Test
  void manyValuesLikeABusyYear() {
    Random random = new Random(7);
    double[] all =
        values(300_000, i -> random.nextInt(5) == 0 ? 0.25 : random.nextDouble() * 86_400);
    checkSpread(all, 60, random);
  }

  @Test
  void valuesSoAlikeThatTheTotalsCountPastTheFirstSixteenBits() {
    Random random = new Random(3);
    // 1.0 up to 1.0 + 200,000 ulps: one bucket of the first pass (sign, exponent, 4 bits)
    double[] close =
        values(200_000, i -> Math.nextUp(1.0) + random.nextInt(200_000) * Math.ulp(1.0));
    checkSpread(close, 9, random);
  }

  @Test
  void equalValuesBeyondWhatIsGatheredAndNegativeOrZeroSeconds() {
    Random random = new Random(5);
    double[] equal = values(150_000, i -> i % 1_000 == 0 ? -2.5 : 42.0);
    checkSpread(equal, 4, random);
    double[] zeros = values(100_001, i -> i % 3 == 0 ? 0.0 : (i % 3 == 1 ? -0.001 : 1e-9));
    checkSpread(zeros, 5, random);
  }

  @Test
  void oneValueAndNone() {
    checkSpread(new double[] {12.5}, 3, new Random(1));
    checkSpread(new double[0], 2, new Random(1));
  }
}
