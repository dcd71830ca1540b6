package org.takedown.gateway.statistics;

import java.nio.ByteBuffer;
import java.nio.DoubleBuffer;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.takedown.contracts.Outcome;
import org.takedown.gateway.request.RequestState;

/**
 * The figures of one group (or of the totals) added up from rows of requests that share a state, an
 * outcome and whether they were answered within the deadline; each figure as GATEWAY-API.md
 * ("Statistics") and {@link StatisticsFromRequests}'s SQL define it.
 */
final class Tally {

  private long requests;
  private long open;
  private long completed;
  private long failed;
  private long cancelled;
  private long expired;
  private final long[] outcomes = new long[Outcome.values().length];
  private long overdue;
  private long withinDeadline;
  private long takedownsCompleted;
  private long takedownsRemovedOrRestricted;
  private long preserved;
  private long extended;
  private long preservationsExpired;
  private final Seconds toSubmit = new Seconds();
  private final Seconds toOutcome = new Seconds();

  /**
   * Adds {@code count} requests of {@code action} in {@code state} with {@code outcome} (null when
   * none), and their seconds packed as float8 (8 bytes each, big-endian).
   */
  void add(
      String action,
      RequestState state,
      Outcome outcome,
      boolean withinDeadline,
      long count,
      byte[] toSubmit,
      byte[] toOutcome) {
    requests += count;
    switch (state) {
      case PENDING, SUBMITTED, IN_REVIEW -> open += count;
      case COMPLETED -> completed += count;
      case FAILED -> failed += count;
      case CANCELLED -> cancelled += count;
      case EXPIRED -> expired += count;
    }
    boolean carriesOutcome = state == RequestState.COMPLETED || state == RequestState.EXPIRED;
    if (carriesOutcome && outcome != null) {
      outcomes[outcome.ordinal()] += count;
    }
    if (withinDeadline) {
      this.withinDeadline += count;
    }
    boolean takedown = "TAKEDOWN".equals(action);
    boolean preservation = "PRESERVATION".equals(action);
    if (takedown && state == RequestState.COMPLETED) {
      takedownsCompleted += count;
      if (outcome == Outcome.REMOVED || outcome == Outcome.RESTRICTED) {
        takedownsRemovedOrRestricted += count;
      }
    }
    if (preservation && carriesOutcome && outcome == Outcome.PRESERVED) {
      preserved += count;
    }
    if (preservation && state == RequestState.EXPIRED) {
      preservationsExpired += count;
    }
    this.toSubmit.add(toSubmit);
    this.toOutcome.add(toOutcome);
  }

  void addOverdue(long count) {
    overdue += count;
  }

  void addExtended(long count) {
    extended += count;
  }

  Figures figures() {
    Map<String, Long> byOutcome = new LinkedHashMap<>();
    for (Outcome outcome : Outcome.values()) {
      byOutcome.put(outcome.name(), outcomes[outcome.ordinal()]);
    }
    return new Figures(
        requests,
        open,
        completed,
        failed,
        cancelled,
        expired,
        byOutcome,
        overdue,
        withinDeadline,
        takedownsCompleted == 0
            ? null
            : (double) takedownsRemovedOrRestricted / (double) takedownsCompleted,
        toSubmit.percentiles(),
        toOutcome.percentiles(),
        new Figures.Preservations(preserved, extended, preservationsExpired));
  }

  /** Seconds gathered from packed float8 values, then their 50th and 90th percentiles. */
  static final class Seconds {

    private double[] values = new double[16];
    private int size;

    void add(byte[] packed) {
      int count = packed.length / Double.BYTES;
      if (size + count > values.length) {
        values = Arrays.copyOf(values, Math.max(size + count, values.length * 2));
      }
      DoubleBuffer buffer = ByteBuffer.wrap(packed).asDoubleBuffer();
      buffer.get(values, size, count);
      size += count;
    }

    /** As PostgreSQL's {@code percentile_cont(ARRAY[0.5, 0.9])}: null when there is no value. */
    Figures.Percentiles percentiles() {
      if (size == 0) {
        return null;
      }
      return new Figures.Percentiles(percentile(0.5), percentile(0.9));
    }

    /**
     * PostgreSQL's percentile_cont over float8 (orderedsetaggs.c): the values at rows floor(p(n-1))
     * and ceil(p(n-1)) of the sorted values, interpolated as {@code lo + (p(n-1) - floor) * (hi -
     * lo)}. The rows are found by selection, not by sorting everything.
     */
    double percentile(double p) {
      double position = p * (size - 1);
      double first = Math.floor(position);
      int lower = (int) first;
      double lo = select(lower);
      if (Math.ceil(position) == first) {
        return lo;
      }
      double hi = smallestAbove(lower);
      return lo + ((position - first) * (hi - lo));
    }

    /**
     * The value of rank {@code k} (0 first), leaving every smaller value before it and every larger
     * one after it (Hoare's selection, middle-of-three pivot).
     */
    private double select(int k) {
      int left = 0;
      int right = size - 1;
      double[] a = values;
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
    private double smallestAbove(int k) {
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
}
