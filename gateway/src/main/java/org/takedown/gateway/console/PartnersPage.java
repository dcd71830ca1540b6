package org.takedown.gateway.console;

import java.time.Instant;
import java.util.List;
import org.takedown.platform.Platform;

/**
 * Each partner as this instance sees it (circuit, pause, whether it sends to it) and its queue (the
 * backlog, how many are due, how long the oldest due one has waited, the preservations about to
 * end, the failures); for admins, the resume of a paused partner and what it did.
 *
 * @param admin the reader may act on partners (resume, the dead letter)
 * @param countedAt when the counts were read; null before the first reading
 * @param countsCurrent false while the database cannot be counted (the counts are older)
 * @param resumed what the admin's resume just did; null otherwise
 * @param error why the asked resume was not done; null otherwise
 */
public record PartnersPage(
    List<Line> partners,
    boolean admin,
    Instant countedAt,
    boolean countsCurrent,
    Resumed resumed,
    String error) {

  /**
   * One partner.
   *
   * @param oldestDue how long the longest-waiting due request had waited when counted, as text;
   *     null when none was due
   */
  public record Line(
      Platform platform,
      String circuit,
      boolean dispatching,
      boolean paused,
      long backlog,
      long due,
      String oldestDue,
      long expiring,
      long failed) {

    public boolean circuitClosed() {
      return circuit.equals("CLOSED");
    }

    /** Its name in addresses: {@code meta}, {@code tiktok}, {@code google}. */
    public String slug() {
      return platform.name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The contracts' name of the partner, for the dead letter's filter. */
    public String filterName() {
      return platform.name();
    }
  }

  /**
   * A resume done.
   *
   * @param wasPaused false when the partner was not paused (the resume changed nothing)
   */
  public record Resumed(Platform platform, boolean wasPaused, boolean pausedNow) {}
}
