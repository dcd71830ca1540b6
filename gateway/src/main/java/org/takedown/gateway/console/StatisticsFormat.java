package org.takedown.gateway.console;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import org.takedown.contracts.Action;
import org.takedown.contracts.Category;
import org.takedown.contracts.Platform;
import org.takedown.contracts.Priority;
import org.takedown.gateway.statistics.Dimension;

/**
 * How the statistics pages write figures in the reader's language: counts, shares (one decimal, a
 * comma in French), spans of time as the countdowns write them ({@code 3 j 04 h}), months and the
 * values of a group's key. The charts are drawn from the raw numbers each table cell also carries
 * ({@link StatisticsTable.Cell#value}), never from these texts.
 */
final class StatisticsFormat {

  private static final DateTimeFormatter FRENCH_DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy");
  private static final DateTimeFormatter ENGLISH_DATE = DateTimeFormatter.ISO_LOCAL_DATE;

  private final Chrome chrome;
  private final DecimalFormat share;
  private final DecimalFormat count;

  StatisticsFormat(Chrome chrome) {
    this.chrome = chrome;
    DecimalFormatSymbols symbols = DecimalFormatSymbols.getInstance(chrome.language().locale());
    // a plain space between thousands: the JDK's French narrow no-break space reads oddly in print
    symbols.setGroupingSeparator(chrome.language() == Language.FR ? ' ' : ',');
    this.share = new DecimalFormat("0.0", symbols);
    this.count = new DecimalFormat("#,##0", symbols);
  }

  String count(long value) {
    return count.format(value);
  }

  /** {@code part / whole} as a percentage, {@code —} when {@code whole} is 0. */
  String share(long part, long whole) {
    return whole == 0 ? chrome.t("value.none") : percent((double) part / whole);
  }

  /** The percentage of a ratio such as a removal rate, {@code —} when null. */
  String percent(Double ratio) {
    return ratio == null
        ? chrome.t("value.none")
        : chrome.t("statistics.percent", percentage(ratio));
  }

  /** The percentage, one decimal, as the reader writes numbers. */
  private String percentage(double ratio) {
    return share.format(round(ratio * 100, 1));
  }

  /** The chart's value of a share: a percentage with one decimal, empty without a whole. */
  static String shareValue(long part, long whole) {
    return whole == 0 ? "" : Double.toString(round(100.0 * part / whole, 1));
  }

  static String ratioValue(Double ratio) {
    return ratio == null ? "" : Double.toString(round(ratio * 100, 1));
  }

  /** A span of seconds as the console writes one, {@code —} when null. */
  String duration(Double seconds) {
    return seconds == null
        ? chrome.t("value.none")
        : Countdown.span(Math.round(seconds), chrome.t("countdown.day"));
  }

  /**
   * The unit a chart of spans reads best in, from the longest it shows: seconds under two minutes,
   * minutes under two hours, hours under three days, else days (a local run's spans are seconds, a
   * year's hours).
   */
  enum SpanUnit {
    SECONDS(1),
    MINUTES(60),
    HOURS(3_600),
    DAYS(86_400);

    private final long seconds;

    SpanUnit(long seconds) {
      this.seconds = seconds;
    }

    static SpanUnit fitting(double longest) {
      if (longest < 120) {
        return SECONDS;
      }
      if (longest < 7_200) {
        return MINUTES;
      }
      return longest < 259_200 ? HOURS : DAYS;
    }

    /** The chart's value of a span in this unit, two decimals; empty when null. */
    String value(Double span) {
      return span == null ? "" : Double.toString(round(span / seconds, 2));
    }

    /** The key of the axis's title: {@code statistics.unit.hours}. */
    String messageKey() {
      return "statistics.unit." + name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  private static double round(double value, int decimals) {
    return BigDecimal.valueOf(value).setScale(decimals, RoundingMode.HALF_UP).doubleValue();
  }

  /** {@code 2026-03} as {@code mars 2026} or {@code March 2026}. */
  String month(String yearMonth) {
    return DateTimeFormatter.ofPattern("MMMM yyyy", chrome.language().locale())
        .format(YearMonth.parse(yearMonth));
  }

  String date(LocalDate date) {
    return (chrome.language() == Language.FR ? FRENCH_DATE : ENGLISH_DATE).format(date);
  }

  /** The label of one value of a group's key: a platform's name, a category's, a month... */
  String keyValue(Dimension dimension, String value) {
    if (value == null) {
      return chrome.t("value.none");
    }
    return switch (dimension) {
      case MONTH -> month(value);
      case PLATFORM -> label(Platform.class, value);
      case CATEGORY -> label(Category.class, value);
      case ACTION -> label(Action.class, value);
      case PRIORITY -> label(Priority.class, value);
    };
  }

  /** The name of the dimension itself: {@code Partenaire}, {@code Mois}. */
  String dimension(Dimension dimension) {
    return chrome.t("statistics.groupBy." + dimension.wireName());
  }

  private <E extends Enum<E>> String label(Class<E> type, String name) {
    // a value stored before an enum lost it is shown as stored rather than failing the page
    return Arrays.stream(type.getEnumConstants())
        .filter(e -> e.name().equals(name))
        .findFirst()
        .map(chrome::label)
        .orElse(name);
  }
}
