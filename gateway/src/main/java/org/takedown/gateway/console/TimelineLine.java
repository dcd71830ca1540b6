package org.takedown.gateway.console;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.takedown.contracts.HistoryEntry;
import org.takedown.gateway.custody.ReadCustodyLog.Recorded;

/**
 * One line of a request's timeline: a line of its history, or one of its custody entries (an
 * exchange with the partner or an officer's action, with its index in the custody log). Exactly one
 * of {@code history} and {@code custody} is set.
 */
public record TimelineLine(Instant at, HistoryEntry history, Recorded custody) {

  /**
   * The history and the custody entries of one request as one list, in time order; at the same
   * instant an entry comes before the history line, as an exchange comes before the change it
   * causes, and each list keeps its own order.
   */
  static List<TimelineLine> of(List<HistoryEntry> history, List<Recorded> custody) {
    List<TimelineLine> lines = new ArrayList<>(history.size() + custody.size());
    for (Recorded entry : custody) {
      lines.add(new TimelineLine(entry.at(), null, entry));
    }
    for (HistoryEntry line : history) {
      lines.add(new TimelineLine(line.at(), line, null));
    }
    // stable: entries (added first) stay before history lines of the same instant
    lines.sort(Comparator.comparing(TimelineLine::at));
    return List.copyOf(lines);
  }
}
