package org.takedown.gateway.statistics;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;

/**
 * Seconds gathered in one growing array (a group's), or the arrays of several groups taken as one
 * (the totals', {@link #ofGroups}), and their percentiles exactly as PostgreSQL's {@code
 * percentile_cont} computes them. A year of a million requests is 16 MB of them, held once.
 *
 * <p>Nothing is sorted: sorting a year's two million values took most of a call (about 150 ms of
 * CPU). A percentile needs the values of two ranks only; a group's are found by selection in its
 * own array, the totals' by counting over every group's values 16 bits of the value at a time
 * ({@link #rankAcrossGroups}), a few passes and no copy.
 */
final class Seconds {

  private static final double[] NONE = new double[0];

  /** Bits of a value's order decided per counting pass over the totals' values. */
  private static final int BITS_PER_PASS = 16;

  private static final int BUCKETS = 1 << BITS_PER_PASS;

  /** A bucket of at most this many values is gathered and selected in; a larger one is split. */
  private static final int GATHERED_AT_MOST = 1 << 16;

  private double[] values = NONE;
  private int size;

  /** The totals': the groups whose values these are, in no order. */
  private List<Seconds> groups;

  /** The totals': the counts of the first pass, the same for every rank. */
  private int[] firstPass;

  /** Adds float8 values packed by {@code float8send} (8 bytes each, big-endian). */
  void add(byte[] packed) {
    int count = packed.length / Double.BYTES;
    if (count == 0) {
      return;
    }
    if (size + count > values.length) {
      values = Arrays.copyOf(values, Math.max(size + count, Math.max(16, values.length * 2)));
    }
    ByteBuffer.wrap(packed).asDoubleBuffer().get(values, size, count);
    size += count;
  }

  /** Seconds made of the groups' values, not copied; the groups must not change after. */
  static Seconds ofGroups(List<Seconds> groups) {
    Seconds totals = new Seconds();
    totals.groups = groups.stream().filter(seconds -> seconds.size > 0).toList();
    totals.size = totals.groups.stream().mapToInt(seconds -> seconds.size).sum();
    return totals;
  }

  /**
   * As PostgreSQL's {@code percentile_cont(ARRAY[0.5, 0.9])}: null when there is no value. A
   * group's values are reordered (not changed).
   */
  Figures.Percentiles percentiles() {
    if (size == 0) {
      return null;
    }
    return new Figures.Percentiles(percentile(0.5), percentile(0.9));
  }

  /**
   * PostgreSQL's percentile_cont over float8 (orderedsetaggs.c): the values of ranks floor(p(n-1))
   * and ceil(p(n-1)), interpolated as {@code lo + (p(n-1) - floor) * (hi - lo)}.
   */
  private double percentile(double p) {
    double position = p * (size - 1);
    double first = Math.floor(position);
    int lower = (int) first;
    boolean between = Math.ceil(position) != first;
    double lo;
    double hi;
    if (groups == null) {
      lo = select(values, size, lower);
      hi = between ? smallestAbove(values, size, lower) : lo;
    } else {
      lo = rankAcrossGroups(lower);
      hi = between ? rankAcrossGroups(lower + 1) : lo;
    }
    return between ? lo + ((position - first) * (hi - lo)) : lo;
  }

  /**
   * The value of rank {@code k} (0 first) among the groups' values. Each value's order as an
   * unsigned long ({@link #unsignedOrder}) is decided 16 bits at a time: a pass counts the values
   * per next 16 bits among those that share the bits decided so far, which tells in which of them
   * rank {@code k} lies; once that bucket is small its values are gathered and selected in.
   */
  private double rankAcrossGroups(long k) {
    long prefix = 0;
    int decided = 0;
    long rank = k;
    while (true) {
      int[] counts = counts(prefix, decided);
      int bucket = 0;
      while (rank >= counts[bucket]) {
        rank -= counts[bucket];
        bucket++;
      }
      prefix = (prefix << BITS_PER_PASS) | bucket;
      decided += BITS_PER_PASS;
      if (decided == Long.SIZE) {
        return valueOf(prefix);
      }
      if (counts[bucket] <= GATHERED_AT_MOST) {
        double[] gathered = gather(prefix, decided, counts[bucket]);
        return select(gathered, gathered.length, (int) rank);
      }
    }
  }

  /** How many values sharing the top {@code decided} bits {@code prefix} have each next 16 bits. */
  private int[] counts(long prefix, int decided) {
    if (decided == 0 && firstPass != null) {
      return firstPass;
    }
    int shift = Long.SIZE - decided - BITS_PER_PASS;
    int[] counts = new int[BUCKETS];
    for (Seconds group : groups) {
      double[] groupValues = group.values;
      for (int i = 0; i < group.size; i++) {
        long order = unsignedOrder(groupValues[i]);
        if (decided == 0 || order >>> (Long.SIZE - decided) == prefix) {
          counts[(int) (order >>> shift) & (BUCKETS - 1)]++;
        }
      }
    }
    if (decided == 0) {
      firstPass = counts;
    }
    return counts;
  }

  /** The {@code count} values whose top {@code decided} bits are {@code prefix}. */
  private double[] gather(long prefix, int decided, int count) {
    double[] gathered = new double[count];
    int next = 0;
    for (Seconds group : groups) {
      double[] groupValues = group.values;
      for (int i = 0; i < group.size; i++) {
        if (unsignedOrder(groupValues[i]) >>> (Long.SIZE - decided) == prefix) {
          gathered[next++] = groupValues[i];
        }
      }
    }
    return gathered;
  }

  /**
   * A long whose unsigned order is {@link Double#compare}'s: negative values' bits inverted, then
   * the sign bit flipped.
   */
  static long unsignedOrder(double value) {
    long bits = Double.doubleToLongBits(value);
    return (bits ^ ((bits >> 63) & Long.MAX_VALUE)) ^ Long.MIN_VALUE;
  }

  private static double valueOf(long unsignedOrder) {
    long order = unsignedOrder ^ Long.MIN_VALUE;
    return Double.longBitsToDouble(order ^ ((order >> 63) & Long.MAX_VALUE));
  }

  /**
   * The value of rank {@code k} (0 first) among the first {@code size} of {@code a}, leaving every
   * smaller value before it and every larger one after it (Hoare's selection, middle-of-three
   * pivot).
   */
  static double select(double[] a, int size, int k) {
    int left = 0;
    int right = size - 1;
    while (right > left) {
      int middle = (left + right) >>> 1;
      double pivot = middleOfThree(a[left], a[middle], a[right]);
      int i = left;
      int j = right;
      while (i <= j) {
        while (Double.compare(a[i], pivot) < 0) {
          i++;
        }
        while (Double.compare(a[j], pivot) > 0) {
          j--;
        }
        if (i <= j) {
          double swap = a[i];
          a[i] = a[j];
          a[j] = swap;
          i++;
          j--;
        }
      }
      if (k <= j) {
        right = j;
      } else if (k >= i) {
        left = i;
      } else {
        break;
      }
    }
    return a[k];
  }

  /** After {@link #select}{@code (k)}: the value of rank k + 1, the least of those after k. */
  private static double smallestAbove(double[] values, int size, int k) {
    double least = values[k + 1];
    for (int i = k + 2; i < size; i++) {
      if (Double.compare(values[i], least) < 0) {
        least = values[i];
      }
    }
    return least;
  }

  private static double middleOfThree(double a, double b, double c) {
    if (Double.compare(a, b) > 0) {
      double swap = a;
      a = b;
      b = swap;
    }
    if (Double.compare(b, c) > 0) {
      b = c;
    }
    return Double.compare(a, b) > 0 ? a : b;
  }
}
