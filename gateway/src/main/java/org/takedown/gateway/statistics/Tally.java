package org.takedown.gateway.statistics;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
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
  private Seconds toSubmit = new Seconds();
  private Seconds toOutcome = new Seconds();

  /**
   * Adds {@code count} requests of {@code action} in {@code state} with {@code outcome} (null when
   * none), and their seconds packed as float8 ({@code float8send}: 8 bytes each, big-endian).
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

  /** Sorts this group's seconds in place, for {@link #secondsOfGroups}. */
  void sortSeconds() {
    toSubmit.sortInPlace();
    toOutcome.sortInPlace();
  }

  /**
   * The totals' seconds taken from their groups, each sorted ({@link #sortSeconds}): the totals'
   * percentiles are then found by rank across the groups, without a second copy of every value.
   */
  void secondsOfGroups(List<Tally> groups) {
    toSubmit = Seconds.ofSortedRuns(groups.stream().map(group -> group.toSubmit).toList());
    toOutcome = Seconds.ofSortedRuns(groups.stream().map(group -> group.toOutcome).toList());
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

  /**
   * Seconds gathered in one growing array (a group's), or the sorted arrays of several groups (the
   * totals', {@link #ofSortedRuns}): a year of a million requests is 16 MB of them, held once.
   */
  static final class Seconds {

    private static final double[] NONE = new double[0];

    private double[] values = NONE;
    private int size;

    /** The totals': each group's sorted values (its first {@code size} of {@code values}). */
    private List<Seconds> runs;

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

    /** Sorts its values in place, for {@link #ofSortedRuns}. */
    void sortInPlace() {
      Arrays.sort(values, 0, size);
    }

    /** Seconds made of others' values, each {@link #sortInPlace sorted}, not copied. */
    static Seconds ofSortedRuns(List<Seconds> sorted) {
      Seconds totals = new Seconds();
      totals.runs = sorted.stream().filter(seconds -> seconds.size > 0).toList();
      totals.size = totals.runs.stream().mapToInt(seconds -> seconds.size).sum();
      return totals;
    }

    /** As PostgreSQL's {@code percentile_cont(ARRAY[0.5, 0.9])}: null when there is no value. */
    Figures.Percentiles percentiles() {
      if (size == 0) {
        return null;
      }
      if (runs != null) {
        return new Figures.Percentiles(
            interpolate(0.5, this::rankInRuns), interpolate(0.9, this::rankInRuns));
      }
      double[] selected = Arrays.copyOf(values, size);
      return new Figures.Percentiles(percentile(selected, 0.5), percentile(selected, 0.9));
    }

    /**
     * PostgreSQL's percentile_cont over float8 (orderedsetaggs.c): the values of ranks
     * floor(p(n-1)) and ceil(p(n-1)), interpolated as {@code lo + (p(n-1) - floor) * (hi - lo)}.
     */
    private double interpolate(double p, java.util.function.IntToDoubleFunction rank) {
      double position = p * (size - 1);
      double first = Math.floor(position);
      double lo = rank.applyAsDouble((int) first);
      if (Math.ceil(position) == first) {
        return lo;
      }
      double hi = rank.applyAsDouble((int) first + 1);
      return lo + ((position - first) * (hi - lo));
    }

    /**
     * The value of rank {@code k} (0 first) among the sorted runs: the least value with more than k
     * values at or below it, searched over the doubles' order as longs (64 steps at most), each
     * counting by binary search in every run.
     */
    private double rankInRuns(int k) {
      long low = Long.MAX_VALUE;
      long high = Long.MIN_VALUE;
      for (Seconds run : runs) {
        low = Math.min(low, orderOf(run.values[0]));
        high = Math.max(high, orderOf(run.values[run.size - 1]));
      }
      while (low < high) {
        long middle = (low & high) + ((low ^ high) >> 1);
        if (atOrBelow(middle) > k) {
          high = middle;
        } else {
          low = middle + 1;
        }
      }
      return valueOf(low);
    }

    private long atOrBelow(long order) {
      long count = 0;
      for (Seconds run : runs) {
        int lo = 0;
        int hi = run.size;
        while (lo < hi) {
          int mid = (lo + hi) >>> 1;
          if (orderOf(run.values[mid]) <= order) {
            lo = mid + 1;
          } else {
            hi = mid;
          }
        }
        count += lo;
      }
      return count;
    }

    /** A long whose order is {@link Double#compare}'s (and an involution: also its inverse). */
    private static long orderOf(double value) {
      long bits = Double.doubleToLongBits(value);
      return bits ^ ((bits >> 63) & Long.MAX_VALUE);
    }

    private static double valueOf(long order) {
      return Double.longBitsToDouble(order ^ ((order >> 63) & Long.MAX_VALUE));
    }

    /**
     * PostgreSQL's percentile_cont over float8 (orderedsetaggs.c): the values at rows floor(p(n-1))
     * and ceil(p(n-1)) of the sorted values, interpolated as {@code lo + (p(n-1) - floor) * (hi -
     * lo)}. The rows are found by selection, not by sorting everything.
     */
    static double percentile(double[] values, double p) {
      double position = p * (values.length - 1);
      double first = Math.floor(position);
      int lower = (int) first;
      double lo = select(values, lower);
      if (Math.ceil(position) == first) {
        return lo;
      }
      double hi = smallestAbove(values, lower);
      return lo + ((position - first) * (hi - lo));
    }

    /**
     * The value of rank {@code k} (0 first), leaving every smaller value before it and every larger
     * one after it (Hoare's selection, middle-of-three pivot).
     */
    private static double select(double[] a, int k) {
      int left = 0;
      int right = a.length - 1;
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
    private static double smallestAbove(double[] values, int k) {
      double least = values[k + 1];
      for (int i = k + 2; i < values.length; i++) {
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
